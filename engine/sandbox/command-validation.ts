import type { ScenarioCommand } from '../session/scenario-protocol.js';

export type ParsedCommand = { ok: true; command: ScenarioCommand } | { ok: false; reason: string };

/**
 * The host's first check on what the isolate sends (STYLE.md, "the sandbox boundary is copy-only"): a JSON text no
 * larger than the cap, holding an object with a string `op`. The session glue above validates each command's fields
 * and ownership; this only guarantees that what it receives is plain, bounded data.
 */
export function parseCommand(json: unknown, maxBytes: number): ParsedCommand {
  if (typeof json !== 'string') return { ok: false, reason: `__callscript_send takes a JSON string, got ${typeof json}` };
  // A UTF-16 unit is at most 3 UTF-8 bytes: only texts near the cap need the exact count.
  if (json.length * 3 > maxBytes && Buffer.byteLength(json, 'utf8') > maxBytes) {
    return { ok: false, reason: `a command of ${Buffer.byteLength(json, 'utf8')} bytes exceeds the ${maxBytes}-byte limit` };
  }
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch {
    return { ok: false, reason: 'a command is not valid JSON' };
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    return { ok: false, reason: 'a command must be a JSON object' };
  }
  if (typeof (value as { op?: unknown }).op !== 'string') return { ok: false, reason: 'a command has no string "op"' };
  return { ok: true, command: value as ScenarioCommand };
}

/** An event too large for the bridge: the host must trim it (e.g. an HTTP body) before delivering. */
export class EventTooLargeError extends RangeError {
  readonly code = 'SANDBOX_EVENT_TOO_LARGE';
  override readonly name = 'EventTooLargeError';

  constructor(bytes: number, maxBytes: number) {
    super(`an event of ${bytes} bytes exceeds the sandbox's ${maxBytes}-byte message limit`);
  }
}

/** Serializes an event for `__callscript_deliver`, enforcing the same cap as commands. */
export function serializeEvent(event: unknown, maxBytes: number): string {
  const json = JSON.stringify(event);
  if (json.length * 3 > maxBytes) {
    const bytes = Buffer.byteLength(json, 'utf8');
    if (bytes > maxBytes) throw new EventTooLargeError(bytes, maxBytes);
  }
  return json;
}

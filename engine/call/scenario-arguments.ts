/**
 * Validation of the values a scenario passes to the engine (DESIGN.md, "Errors": a bad argument is a scenario
 * exception naming the argument). The prelude checks first, inside the isolate; the host checks again here because
 * nothing that crosses the sandbox boundary is trusted.
 */

/** Plain data as it crosses the sandbox boundary (structurally the protocol's `Data`). */
export type ArgData = null | boolean | number | string | ArgData[] | { [key: string]: ArgData };

export type Headers = Record<string, string>;

/** A scenario passed a value the API does not accept; `argument` names it as the author wrote it. */
export class ScenarioArgumentError extends Error {
  readonly code = 'SCENARIO_BAD_ARGUMENT';
  constructor(
    readonly api: string,
    readonly argument: string,
    detail: string,
  ) {
    super(`${api}: argument '${argument}' ${detail}`);
    this.name = 'ScenarioArgumentError';
  }
}

/** A scenario exceeded one of the session limits (timers, players, call attempts, ...). */
export class ScenarioLimitError extends Error {
  readonly code = 'SCENARIO_LIMIT';
  constructor(
    readonly limit: string,
    detail: string,
  ) {
    super(detail);
    this.name = 'ScenarioLimitError';
  }
}

/** A scenario used an object in a state where the operation is not allowed (e.g. answering a terminated call). */
export class ScenarioStateError extends Error {
  readonly code = 'SCENARIO_BAD_STATE';
  constructor(detail: string) {
    super(detail);
    this.name = 'ScenarioStateError';
  }
}

export function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'string') return `the string ${JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}...` : value)}`;
  return typeof value === 'object' ? 'an object' : `${typeof value} ${String(value)}`;
}

export function requireString(api: string, argument: string, value: unknown, maxLength = 65_536): string {
  if (typeof value !== 'string') throw new ScenarioArgumentError(api, argument, `must be a string, got ${describe(value)}`);
  if (value.length > maxLength) throw new ScenarioArgumentError(api, argument, `must be at most ${maxLength} characters`);
  return value;
}

export function optionalString(api: string, argument: string, value: unknown, maxLength?: number): string | undefined {
  return value === undefined || value === null ? undefined : requireString(api, argument, value, maxLength);
}

export function requireBoolean(api: string, argument: string, value: unknown): boolean {
  if (typeof value !== 'boolean') throw new ScenarioArgumentError(api, argument, `must be a boolean, got ${describe(value)}`);
  return value;
}

export function optionalBoolean(api: string, argument: string, value: unknown): boolean | undefined {
  return value === undefined || value === null ? undefined : requireBoolean(api, argument, value);
}

export function requireInteger(api: string, argument: string, value: unknown, min: number, max: number): number {
  if (typeof value !== 'number' || !Number.isInteger(value)) {
    throw new ScenarioArgumentError(api, argument, `must be an integer, got ${describe(value)}`);
  }
  if (value < min || value > max) throw new ScenarioArgumentError(api, argument, `must be between ${min} and ${max}, got ${value}`);
  return value;
}

export function requireNumber(api: string, argument: string, value: unknown, min: number, max: number): number {
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    throw new ScenarioArgumentError(api, argument, `must be a finite number, got ${describe(value)}`);
  }
  if (value < min || value > max) throw new ScenarioArgumentError(api, argument, `must be between ${min} and ${max}, got ${value}`);
  return value;
}

export function optionalObject(api: string, argument: string, value: unknown): Record<string, ArgData> {
  if (value === undefined || value === null) return {};
  if (typeof value !== 'object' || Array.isArray(value)) {
    throw new ScenarioArgumentError(api, argument, `must be an object, got ${describe(value)}`);
  }
  return value as Record<string, ArgData>;
}

// RFC 3261 section 25.1: a header name is a `token`; a value may not contain a bare CR or LF (that would let a
// scenario inject whole header lines).
const headerToken = /^[A-Za-z0-9\-.!%*_+`'~]+$/;
const maxHeaders = 32;
const maxHeaderValueLength = 1024;

/** Extra SIP headers from a scenario: names are RFC 3261 tokens, values single-line strings. */
export function optionalHeaders(api: string, argument: string, value: unknown): Headers {
  const object = optionalObject(api, argument, value);
  const entries = Object.entries(object);
  if (entries.length > maxHeaders) throw new ScenarioArgumentError(api, argument, `may hold at most ${maxHeaders} headers`);
  const headers: Headers = {};
  for (const [name, headerValue] of entries) {
    if (!headerToken.test(name)) throw new ScenarioArgumentError(api, `${argument}['${name}']`, 'is not a valid SIP header name');
    if (typeof headerValue !== 'string' && typeof headerValue !== 'number') {
      throw new ScenarioArgumentError(api, `${argument}['${name}']`, `must be a string, got ${describe(headerValue)}`);
    }
    const text = String(headerValue);
    if (/[\r\n]/.test(text)) throw new ScenarioArgumentError(api, `${argument}['${name}']`, 'must not contain CR or LF');
    if (text.length > maxHeaderValueLength) {
      throw new ScenarioArgumentError(api, `${argument}['${name}']`, `must be at most ${maxHeaderValueLength} characters`);
    }
    headers[name] = text;
  }
  return headers;
}

/** VoxEngine limits `customData` to 200 bytes (UTF-8). */
export function requireCustomData(api: string, argument: string, value: unknown, maxBytes: number): string {
  const text = requireString(api, argument, value);
  const bytes = Buffer.byteLength(text, 'utf8');
  if (bytes > maxBytes) throw new ScenarioArgumentError(api, argument, `must be at most ${maxBytes} bytes, got ${bytes}`);
  return text;
}

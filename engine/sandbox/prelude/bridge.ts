/**
 * The isolate's half of the bridge (DESIGN.md, "Sandbox"): the host installs `__callscript_send` before the prelude
 * runs; the prelude keeps its own reference and removes the global, so that scenario code can only reach the host
 * through the VoxEngine API.
 */
import type { ScenarioCommand } from '../../session/scenario-protocol.js';

type RawSend = (json: string) => void;

function takeHostSend(): RawSend {
  const host = globalThis as unknown as { __callscript_send?: RawSend };
  const send = host.__callscript_send;
  if (typeof send !== 'function') throw new Error('callscript prelude: the host did not install __callscript_send');
  delete host.__callscript_send;
  return send;
}

const rawSend = takeHostSend();
/** Kept from load time, so that a scenario replacing `JSON.stringify` cannot change what reaches the host. */
const stringify = JSON.stringify;

export function sendCommand(command: ScenarioCommand): void {
  rawSend(stringify(command));
}

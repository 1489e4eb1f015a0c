/** `VoxEngine.terminate()` and `VoxEngine.customData()`: the session-wide state a scenario controls. */
import { requireMaxBytes, requireString } from './argument-checks.js';
import { sendCommand } from './bridge.js';
import { preludeLimits } from './prelude-limits.js';
import { sessionState } from './session-state.js';

/**
 * VoxEngine: "after this function, only the AppEvents.Terminating and AppEvents.Terminated events are triggered".
 * It does not stop the code that called it; the scenario should `return` after it.
 */
export function terminate(): void {
  if (sessionState.terminating) return;
  sessionState.terminating = true;
  sendCommand({ op: 'terminate' });
}

export function customData(value?: string): string {
  if (value === undefined) return sessionState.customData;
  const method = 'VoxEngine.customData';
  sessionState.customData = requireMaxBytes(method, 'customData', requireString(method, 'customData', value), preludeLimits.customDataBytes);
  sendCommand({ op: 'session.customData', value: sessionState.customData });
  return sessionState.customData;
}

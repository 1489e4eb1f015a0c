/**
 * VoxEngine's per-session limits that the prelude can check synchronously, so the scenario gets the error at the
 * offending line. The host enforces them again: the prelude is not a security boundary.
 */

import { frozenNamespace } from './frozen-namespace.js';
export const preludeLimits = frozenNamespace({
  __proto__: null,
  activeTimers: 100,
  livePlayers: 10,
  callAttempts: 50,
  customDataBytes: 200,
  /** SIP INFO bodies and MESSAGE texts. */
  messageBytes: 8192,
  logMessageChars: 15000,
  /** VoxEngine raises shorter `setInterval` periods to this. */
  minIntervalMs: 100,
});

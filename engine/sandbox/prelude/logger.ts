/** `Logger.write`: a line in the session's log (pino, with the session id), capped at VoxEngine's 15 000 characters. */
import { sendCommand } from './bridge.js';
import { preludeLimits } from './prelude-limits.js';
import { frozenNamespace } from './frozen-namespace.js';

function text(message: unknown): string {
  if (typeof message === 'string') return message;
  if (message instanceof Error) return message.stack ?? String(message);
  try {
    return typeof message === 'object' && message !== null ? JSON.stringify(message) : String(message);
  } catch {
    return String(message);
  }
}

export const Logger = frozenNamespace({
  __proto__: null,
  write(message: unknown): void {
    sendCommand({ op: 'log', text: text(message).slice(0, preludeLimits.logMessageChars) });
  },
  /** Accepted for compatibility; it has no effect. */
  hideTones(_flag: boolean): void {},
});

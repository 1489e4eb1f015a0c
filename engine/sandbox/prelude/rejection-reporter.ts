/**
 * Async handlers (`async (e) => { ... }`) return a promise whose rejection nobody in the scenario observes. VoxEngine
 * ends the session on such an error; the prelude reports it to the host, which maps the stack to the author's line.
 */
import { sendCommand } from './bridge.js';

function describe(reason: unknown): { message: string; stack?: string } {
  if (reason instanceof Error) return { message: `${reason.name}: ${reason.message}`, stack: reason.stack };
  try {
    return { message: `Uncaught (in promise) ${String(reason)}` };
  } catch {
    return { message: 'Uncaught (in promise) a value that cannot be printed' };
  }
}

export function reportRejection(reason: unknown): void {
  const { message, stack } = describe(reason);
  sendCommand(stack === undefined
    ? { op: 'fatal', reason: 'unhandledRejection', message }
    : { op: 'fatal', reason: 'unhandledRejection', message, stack });
}

/** Watches what a user callback returned: a thenable's rejection is reported, anything else is ignored. */
export function watchResult(result: unknown): void {
  if (result !== null && (typeof result === 'object' || typeof result === 'function')) {
    const then = (result as { then?: unknown }).then;
    if (typeof then === 'function') then.call(result, undefined, reportRejection);
  }
}

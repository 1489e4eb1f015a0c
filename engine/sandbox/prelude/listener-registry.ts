/**
 * Event listeners of one VoxEngine object (the session, a call, a player, a recorder). Registration stays inside the
 * isolate (scenario-protocol.ts): the host delivers every event and the registry runs the listeners added for it.
 *
 * A listener's exception is not caught: it must leave `__callscript_deliver` so that the host ends the session with
 * the author's line, as VoxEngine does. A returned promise that rejects is reported the same way.
 */
import { sendCommand } from './bridge.js';
import { ArgumentError } from './argument-error.js';
import { requireString } from './argument-checks.js';
import { watchResult } from './rejection-reporter.js';

export type Listener = (event: Record<string, unknown>) => unknown;

export class ListenerRegistry {
  private readonly listeners = new Map<string, Listener[]>();

  /** @param owner the API name in error messages, e.g. `Call` or `VoxEngine`. */
  constructor(private readonly owner: string) {}

  add(event: unknown, callback: unknown): void {
    const method = `${this.owner}.addEventListener`;
    const name = requireString(method, 'event', event);
    if (typeof callback !== 'function') {
      // VoxEngine: "anything except a function leads to the error and scenario termination".
      const error = new ArgumentError(method, `callback for ${name} must be a function`);
      sendCommand({ op: 'fatal', reason: 'invalidHandler', message: error.message, stack: error.stack });
      throw error;
    }
    const list = this.listeners.get(name) ?? [];
    list.push(callback as Listener);
    this.listeners.set(name, list);
  }

  /** Without a callback, removes every listener of the event (VoxEngine's behaviour). */
  remove(event: unknown, callback?: unknown): void {
    const name = requireString(`${this.owner}.removeEventListener`, 'event', event);
    if (callback === undefined) {
      this.listeners.delete(name);
      return;
    }
    const list = this.listeners.get(name);
    if (!list) return;
    const index = list.indexOf(callback as Listener);
    if (index >= 0) list.splice(index, 1);
    if (list.length === 0) this.listeners.delete(name);
  }

  has(event: string): boolean {
    return (this.listeners.get(event)?.length ?? 0) > 0;
  }

  /** Runs the listeners in the order they were added, over a snapshot so a listener may add or remove others. */
  dispatch(event: string, payload: Record<string, unknown>): void {
    const list = this.listeners.get(event);
    if (!list) return;
    for (const listener of [...list]) watchResult(listener(payload));
  }
}

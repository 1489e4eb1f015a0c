import type { Clock, TimerHandle } from '../../clock.js';
import type { TimerName } from './transaction-types.js';

/** The named timers of one transaction, all cleared together when it terminates. */
export class TimerSet {
  private readonly handles = new Map<TimerName, TimerHandle>();

  constructor(private readonly clock: Clock) {}

  start(name: TimerName, delayMs: number, fire: () => void): void {
    this.stop(name);
    const handle = this.clock.setTimer(() => {
      this.handles.delete(name);
      fire();
    }, delayMs);
    this.handles.set(name, handle);
  }

  stop(name: TimerName): void {
    const handle = this.handles.get(name);
    if (handle === undefined) return;
    this.clock.clearTimer(handle);
    this.handles.delete(name);
  }

  isRunning(name: TimerName): boolean {
    return this.handles.has(name);
  }

  clear(): void {
    for (const handle of this.handles.values()) this.clock.clearTimer(handle);
    this.handles.clear();
  }

  get size(): number {
    return this.handles.size;
  }
}

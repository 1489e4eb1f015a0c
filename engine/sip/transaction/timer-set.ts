import type { Clock, TimerHandle } from '../../clock.js';
import type { TimerName } from './transaction-types.js';

/**
 * The named timers of one transaction, all cleared together when it terminates. A transaction runs at most three
 * at once, so a short array beats a Map (tens of thousands of these live at once under load).
 */
export class TimerSet {
  private names: TimerName[] = [];
  private handles: TimerHandle[] = [];

  constructor(private readonly clock: Clock) {}

  start(name: TimerName, delayMs: number, fire: () => void): void {
    this.stop(name);
    const handle = this.clock.setTimer(() => {
      this.forget(name);
      fire();
    }, delayMs);
    this.names.push(name);
    this.handles.push(handle);
  }

  stop(name: TimerName): void {
    const index = this.names.indexOf(name);
    if (index < 0) return;
    this.clock.clearTimer(this.handles[index]!);
    this.remove(index);
  }

  isRunning(name: TimerName): boolean {
    return this.names.includes(name);
  }

  clear(): void {
    for (const handle of this.handles) this.clock.clearTimer(handle);
    this.names = [];
    this.handles = [];
  }

  get size(): number {
    return this.names.length;
  }

  private forget(name: TimerName): void {
    const index = this.names.indexOf(name);
    if (index >= 0) this.remove(index);
  }

  private remove(index: number): void {
    this.names.splice(index, 1);
    this.handles.splice(index, 1);
  }
}

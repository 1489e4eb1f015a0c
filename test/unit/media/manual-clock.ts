import type { Clock, TimerHandle } from '../../../engine/clock.js';

/** A clock that moves only when the test says, firing due timers in time order. */
export class ManualClock implements Clock {
  private time = 1000;
  private nextId = 1;
  private readonly timers = new Map<number, { at: number; callback: () => void }>();

  now(): number {
    return this.time;
  }

  setTimer(callback: () => void, delayMs: number): TimerHandle {
    const id = this.nextId++;
    this.timers.set(id, { at: this.time + Math.max(0, delayMs), callback });
    return { id };
  }

  clearTimer(handle: TimerHandle): void {
    this.timers.delete(handle.id);
  }

  get pendingTimers(): number {
    return this.timers.size;
  }

  /** Moves time forward by `ms`, running every timer that falls due on the way, at its own time. */
  advance(ms: number, lateBy = 0): void {
    const end = this.time + ms;
    for (;;) {
      let nextId = -1;
      let nextAt = Infinity;
      for (const [id, timer] of this.timers) if (timer.at < nextAt) [nextId, nextAt] = [id, timer.at];
      if (nextId < 0 || nextAt > end) break;
      const timer = this.timers.get(nextId)!;
      this.timers.delete(nextId);
      this.time = Math.max(this.time, Math.min(end, nextAt + lateBy));
      timer.callback();
    }
    this.time = end;
  }
}

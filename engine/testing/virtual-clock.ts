/**
 * A {@link Clock} that moves only when a test advances it, so that a 60-second rule runs in a millisecond
 * (DESIGN.md, "Time"). Timers fire in time order (equal times in the order they were set); between two timers the
 * caller's `settle` callback lets events and scenario reactions run, so a timer set by a reaction is honoured within
 * the same `advance`.
 */
import type { Clock, TimerHandle } from '../clock.js';

interface VirtualTimer extends TimerHandle {
  due: number;
  seq: number;
  callback: () => void;
}

export class VirtualClock implements Clock {
  private time = 0;
  private seq = 0;
  private nextId = 1;
  private readonly timers = new Map<number, VirtualTimer>();

  /** Epoch milliseconds at virtual time 0 (for call records). */
  constructor(readonly epochMs = Date.UTC(2026, 0, 1)) {}

  now(): number {
    return this.time;
  }

  /** Wall-clock time in epoch milliseconds, moving with the virtual clock. */
  wallClock = (): number => this.epochMs + this.time;

  setTimer(callback: () => void, delayMs: number): TimerHandle {
    const timer: VirtualTimer = { id: this.nextId++, due: this.time + Math.max(0, delayMs), seq: this.seq++, callback };
    this.timers.set(timer.id, timer);
    return timer;
  }

  clearTimer(handle: TimerHandle): void {
    this.timers.delete(handle.id);
  }

  get pendingTimers(): number {
    return this.timers.size;
  }

  /** Runs every timer due by now + `ms`, calling `settle` after each, then sets the time to now + `ms`. */
  async advance(ms: number, settle: () => Promise<void>): Promise<void> {
    if (!(ms >= 0)) throw new RangeError(`advance: ms must be a non-negative number, got ${ms}`);
    const target = this.time + ms;
    await settle();
    for (let timer = this.nextDue(target); timer; timer = this.nextDue(target)) {
      this.timers.delete(timer.id);
      this.time = timer.due;
      timer.callback();
      await settle();
    }
    this.time = target;
  }

  private nextDue(limit: number): VirtualTimer | undefined {
    let next: VirtualTimer | undefined;
    for (const timer of this.timers.values()) {
      if (timer.due > limit) continue;
      if (!next || timer.due < next.due || (timer.due === next.due && timer.seq < next.seq)) next = timer;
    }
    return next;
  }
}

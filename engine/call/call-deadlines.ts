/**
 * The call's own time limits on the injected clock (DESIGN.md, "Time"): an unanswered incoming call, early media,
 * and an outgoing call's answer timeout. Each is named so that it can be cleared when its condition ends.
 */
import type { Clock, TimerHandle } from '../clock.js';

export type DeadlineKind = 'unanswered' | 'earlyMedia' | 'answerTimeout';

export class CallDeadlines {
  private readonly timers = new Map<DeadlineKind, TimerHandle>();

  constructor(private readonly clock: Clock) {}

  start(kind: DeadlineKind, delayMs: number, onExpire: () => void): void {
    this.clear(kind);
    this.timers.set(
      kind,
      this.clock.setTimer(() => {
        this.timers.delete(kind);
        onExpire();
      }, delayMs),
    );
  }

  clear(kind: DeadlineKind): void {
    const handle = this.timers.get(kind);
    if (!handle) return;
    this.clock.clearTimer(handle);
    this.timers.delete(kind);
  }

  clearAll(): void {
    for (const kind of [...this.timers.keys()]) this.clear(kind);
  }

  get pending(): number {
    return this.timers.size;
  }
}

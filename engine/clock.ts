/**
 * The one source of time for everything a scenario can observe (DESIGN.md, "Time"): scenario timers, the 60 s
 * termination rule, call timeouts, early-media and unanswered-call limits, RTP-stopped detection.
 * Production uses {@link systemClock}; the test kit uses a virtual clock that a test advances.
 */
export interface Clock {
  /** Milliseconds on a monotonic scale; only differences are meaningful. */
  now(): number;
  setTimer(callback: () => void, delayMs: number): TimerHandle;
  clearTimer(handle: TimerHandle): void;
}

export interface TimerHandle {
  readonly id: number;
}

let nextTimerId = 1;

export const systemClock: Clock = {
  now: () => performance.now(),
  setTimer(callback, delayMs) {
    const timeout = setTimeout(callback, delayMs);
    timeout.unref?.();
    const handle = { id: nextTimerId++, timeout };
    return handle;
  },
  clearTimer(handle) {
    clearTimeout((handle as { timeout?: NodeJS.Timeout }).timeout);
  },
};

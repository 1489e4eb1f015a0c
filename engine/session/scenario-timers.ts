/**
 * The scenario's `setTimeout` / `setInterval`, run on the session's clock (DESIGN.md, "Time") with VoxEngine's limits:
 * at most 100 active timers, and intervals under 100 ms raised to 100 ms.
 */
import type { Clock, TimerHandle } from '../clock.js';
import { ScenarioArgumentError, ScenarioLimitError, requireBoolean, requireInteger } from '../call/scenario-arguments.js';

export interface TimerLimits {
  maxActiveTimers: number;
  minIntervalMs: number;
}

/** Longest delay a timer may ask for: setTimeout's own 32-bit limit. */
const maxDelayMs = 2 ** 31 - 1;

export class ScenarioTimers {
  private readonly timers = new Map<number, TimerHandle>();

  constructor(
    private readonly clock: Clock,
    private readonly limits: TimerLimits,
    private readonly fire: (timerId: number) => void,
  ) {}

  get active(): number {
    return this.timers.size;
  }

  set(timerId: unknown, delayMs: unknown, repeat: unknown): void {
    const api = repeat ? 'setInterval' : 'setTimeout';
    const id = requireInteger(api, 'timerId', timerId, 1, Number.MAX_SAFE_INTEGER);
    const periodic = requireBoolean(api, 'repeat', repeat);
    if (typeof delayMs !== 'number' || Number.isNaN(delayMs)) {
      throw new ScenarioArgumentError(api, 'timeout', `must be a number, got ${typeof delayMs}`);
    }
    if (this.timers.has(id)) throw new ScenarioArgumentError(api, 'timerId', `${id} is already in use`);
    if (this.timers.size >= this.limits.maxActiveTimers) {
      throw new ScenarioLimitError('maxActiveTimers', `${api}: a session may have at most ${this.limits.maxActiveTimers} active timers`);
    }
    let delay = Math.min(Math.max(0, delayMs), maxDelayMs);
    // VoxEngine: "If this parameter is less than 100, a value of 100 is used" (setInterval).
    if (periodic) delay = Math.max(delay, this.limits.minIntervalMs);
    this.arm(id, delay, periodic);
  }

  clear(timerId: unknown): void {
    if (typeof timerId !== 'number') return;
    const handle = this.timers.get(timerId);
    if (!handle) return;
    this.clock.clearTimer(handle);
    this.timers.delete(timerId);
  }

  clearAll(): void {
    for (const handle of this.timers.values()) this.clock.clearTimer(handle);
    this.timers.clear();
  }

  private arm(id: number, delay: number, periodic: boolean): void {
    this.timers.set(
      id,
      this.clock.setTimer(() => {
        if (periodic) this.arm(id, delay, true);
        else this.timers.delete(id);
        this.fire(id);
      }, delay),
    );
  }
}

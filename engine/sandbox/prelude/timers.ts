/**
 * `setTimeout`, `setInterval`, `clearTimeout`, `clearInterval`. The isolate has no clock of its own: each timer is a
 * command to the host, which runs it on the session's injectable clock (DESIGN.md, "Time") and delivers a `timer`
 * event when it is due.
 */
import { LimitError } from './argument-error.js';
import { requireFunction } from './argument-checks.js';
import { sendCommand } from './bridge.js';
import { preludeLimits } from './prelude-limits.js';
import { watchResult } from './rejection-reporter.js';

interface Timer {
  callback: (...args: unknown[]) => unknown;
  args: unknown[];
  repeat: boolean;
}

const timers = new Map<number, Timer>();
let nextTimerId = 1;

function delayOf(timeout: unknown): number {
  const delay = Number(timeout);
  return Number.isFinite(delay) && delay > 0 ? Math.floor(delay) : 0;
}

function schedule(method: string, callback: unknown, delayMs: number, repeat: boolean, args: unknown[]): number {
  const fn = requireFunction<(...args: unknown[]) => unknown>(method, 'callback', callback);
  if (timers.size >= preludeLimits.activeTimers) {
    throw new LimitError(method, `the session already has ${preludeLimits.activeTimers} active timers, VoxEngine's limit`);
  }
  const timerId = nextTimerId++;
  timers.set(timerId, { callback: fn, args, repeat });
  sendCommand({ op: 'timer.set', timerId, delayMs, repeat });
  return timerId;
}

function clear(timerId: unknown): void {
  if (typeof timerId !== 'number' || !timers.delete(timerId)) return;
  sendCommand({ op: 'timer.clear', timerId });
}

export function setTimeout(callback: unknown, timeout?: unknown, ...args: unknown[]): number {
  return schedule('setTimeout', callback, delayOf(timeout), false, args);
}

/** VoxEngine: "If this parameter is less than 100, a value of 100 is used." */
export function setInterval(callback: unknown, timeout?: unknown, ...args: unknown[]): number {
  return schedule('setInterval', callback, Math.max(preludeLimits.minIntervalMs, delayOf(timeout)), true, args);
}

export const clearTimeout = clear;
export const clearInterval = clear;

/** A `timer` event: a one-shot timer is forgotten before its callback runs, so the callback may schedule again. */
export function fireTimer(timerId: number): void {
  const timer = timers.get(timerId);
  if (!timer) return;
  if (!timer.repeat) timers.delete(timerId);
  watchResult(timer.callback(...timer.args));
}

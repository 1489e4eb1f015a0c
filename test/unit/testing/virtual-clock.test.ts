import { describe, expect, it } from 'vitest';
import { VirtualClock } from '../../../engine/testing/virtual-clock.js';

const noSettle = async () => undefined;

describe('VirtualClock', () => {
  it('fires timers in time order, equal times in the order set, and stops at the target time', async () => {
    const clock = new VirtualClock();
    const fired: string[] = [];
    clock.setTimer(() => fired.push(`b@${clock.now()}`), 200);
    clock.setTimer(() => fired.push(`a@${clock.now()}`), 100);
    clock.setTimer(() => fired.push(`c@${clock.now()}`), 200);
    clock.setTimer(() => fired.push('late'), 1000);
    await clock.advance(500, noSettle);
    expect(fired).toEqual(['a@100', 'b@200', 'c@200']);
    expect(clock.now()).toBe(500);
    expect(clock.pendingTimers).toBe(1);
  });

  it('runs a timer set by another timer within the same advance, and never a cleared one', async () => {
    const clock = new VirtualClock();
    const fired: number[] = [];
    const cleared = clock.setTimer(() => fired.push(-1), 50);
    clock.setTimer(() => {
      fired.push(clock.now());
      clock.setTimer(() => fired.push(clock.now()), 100);
    }, 100);
    clock.clearTimer(cleared);
    await clock.advance(250, noSettle);
    expect(fired).toEqual([100, 200]);
  });

  it('moves the wall clock with virtual time and refuses to go back', async () => {
    const clock = new VirtualClock(1_000_000);
    await clock.advance(2500, noSettle);
    expect(clock.wallClock()).toBe(1_002_500);
    await expect(clock.advance(-1, noSettle)).rejects.toThrow(RangeError);
  });
});

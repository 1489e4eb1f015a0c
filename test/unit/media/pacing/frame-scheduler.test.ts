import { describe, expect, it } from 'vitest';
import { FrameScheduler, type PacedStream } from '../../../../engine/media/pacing/frame-scheduler.js';
import { ManualClock } from '../manual-clock.js';

function recorder(clock: ManualClock): PacedStream & { ticks: { frame: number; at: number; due: number }[] } {
  const ticks: { frame: number; at: number; due: number }[] = [];
  return { ticks, onTick: (frame, due) => ticks.push({ frame, at: clock.now(), due }) };
}

describe('FrameScheduler', () => {
  it('ticks each stream once per 20 ms period, on consecutive frame indexes', () => {
    const clock = new ManualClock();
    const scheduler = new FrameScheduler(clock);
    const stream = recorder(clock);
    scheduler.add(stream);
    clock.advance(1000);
    expect(stream.ticks.length).toBeGreaterThanOrEqual(49);
    stream.ticks.forEach((tick, i) => i > 0 && expect(tick.frame).toBe(stream.ticks[i - 1]!.frame + 1));
    scheduler.close();
  });

  it('does not drift when every timer fires late', () => {
    const clock = new ManualClock();
    const scheduler = new FrameScheduler(clock, { slots: 1 });
    const stream = recorder(clock);
    scheduler.add(stream);
    clock.advance(60_000, 3);
    const first = stream.ticks[0]!;
    const last = stream.ticks.at(-1)!;
    expect(last.due - first.due).toBe((last.frame - first.frame) * 20);
    expect(stream.ticks.length).toBeGreaterThanOrEqual(2999);
    expect(Math.max(...stream.ticks.map((t) => t.at - t.due))).toBeLessThanOrEqual(3);
    scheduler.close();
  });

  it('spreads streams over the slots of the period, filling one slot before opening the next', () => {
    const clock = new ManualClock();
    const few = new FrameScheduler(clock, { slots: 4, streamsPerSlot: 2 });
    const pair = [recorder(clock), recorder(clock)];
    pair.forEach((s) => few.add(s));
    clock.advance(100);
    expect(new Set(pair.map((s) => s.ticks[0]!.due % 20))).toEqual(new Set([0]));
    few.close();
    const scheduler = new FrameScheduler(clock, { slots: 4, streamsPerSlot: 2 });
    const streams = Array.from({ length: 8 }, () => recorder(clock));
    streams.forEach((s) => scheduler.add(s));
    clock.advance(200);
    const epoch = streams[0]!.ticks[0]!.due;
    const offsets = new Set(streams.map((s) => (((s.ticks[0]!.due - epoch) % 20) + 20) % 20));
    expect(offsets).toEqual(new Set([0, 5, 10, 15]));
    scheduler.close();
  });

  it('skips the periods lost in a stall instead of bursting them', () => {
    const clock = new ManualClock();
    const scheduler = new FrameScheduler(clock, { slots: 1, maxCatchUpFrames: 5 });
    const stream = recorder(clock);
    scheduler.add(stream);
    clock.advance(100);
    const before = stream.ticks.length;
    clock.advance(1000, 1000);
    expect(stream.ticks.length - before).toBeLessThanOrEqual(6);
    clock.advance(100);
    expect(stream.ticks.at(-1)!.at - stream.ticks.at(-1)!.due).toBeLessThan(20);
    scheduler.close();
  });

  it('keeps going when a stream throws, and holds no timer once empty or closed', () => {
    const clock = new ManualClock();
    const errors: unknown[] = [];
    const scheduler = new FrameScheduler(clock, { onStreamError: (e) => errors.push(e) });
    const bad: PacedStream = { onTick: () => { throw new Error('boom'); } };
    const good = recorder(clock);
    scheduler.add(bad);
    scheduler.add(good);
    clock.advance(100);
    expect(errors.length).toBeGreaterThan(0);
    expect(good.ticks.length).toBeGreaterThanOrEqual(4);
    scheduler.remove(bad);
    scheduler.remove(good);
    expect(clock.pendingTimers).toBe(0);
    scheduler.add(good);
    scheduler.close();
    scheduler.close();
    expect(clock.pendingTimers).toBe(0);
  });
});

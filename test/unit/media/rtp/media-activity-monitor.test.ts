import { describe, expect, it } from 'vitest';
import { MediaActivityMonitor } from '../../../../engine/media/rtp/media-activity-monitor.js';
import { ManualClock } from '../manual-clock.js';

describe('MediaActivityMonitor', () => {
  it('signals first packet once, stopped after 7 s of silence, resumed on the next packet', () => {
    const clock = new ManualClock();
    const signals: string[] = [];
    const monitor = new MediaActivityMonitor(clock, {
      onFirstPacket: () => signals.push(`first@${clock.now()}`),
      onStopped: () => signals.push(`stopped@${clock.now()}`),
      onResumed: () => signals.push(`resumed@${clock.now()}`),
    });
    for (let t = 0; t < 3000; t += 20) {
      monitor.packet(true);
      clock.advance(20);
    }
    clock.advance(6900);
    expect(signals).toEqual(['first@1000']);
    clock.advance(200);
    expect(signals).toEqual(['first@1000', 'stopped@10980']);
    clock.advance(60_000);
    monitor.packet(true);
    expect(signals.at(-1)).toBe('resumed@71100');
    monitor.close();
    expect(clock.pendingTimers).toBe(0);
    monitor.packet(true);
    expect(signals.length).toBe(3);
  });
});

describe('MediaActivityMonitor first packet', () => {
  it('waits for an audio packet: telephone events keep media alive but are not the first audio', () => {
    const clock = new ManualClock();
    const signals: string[] = [];
    const monitor = new MediaActivityMonitor(clock, {
      onFirstPacket: () => signals.push('first'),
      onStopped: () => signals.push('stopped'),
      onResumed: () => signals.push('resumed'),
    });
    monitor.packet(false);
    clock.advance(5000);
    monitor.packet(false);
    clock.advance(5000);
    expect(signals).toEqual([]);
    monitor.packet(true);
    monitor.packet(true);
    expect(signals).toEqual(['first']);
    monitor.close();
  });
});

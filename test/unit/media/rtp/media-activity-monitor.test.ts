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
      monitor.packet();
      clock.advance(20);
    }
    clock.advance(6900);
    expect(signals).toEqual(['first@1000']);
    clock.advance(200);
    expect(signals).toEqual(['first@1000', 'stopped@10980']);
    clock.advance(60_000);
    monitor.packet();
    expect(signals.at(-1)).toBe('resumed@71100');
    monitor.close();
    expect(clock.pendingTimers).toBe(0);
    monitor.packet();
    expect(signals.length).toBe(3);
  });
});

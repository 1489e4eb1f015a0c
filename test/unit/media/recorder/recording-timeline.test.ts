import { describe, expect, it } from 'vitest';
import { RecordingTimeline, RESYNC_THRESHOLD_SAMPLES } from '../../../../engine/media/recorder/recording-timeline.js';

const frame = (value: number) => new Int16Array(160).fill(value);

describe('RecordingTimeline', () => {
  it('lays frames of one direction end to end while they arrive roughly on time', () => {
    const timeline = new RecordingTimeline();
    timeline.write('received', frame(1), 160);
    timeline.write('received', frame(2), 400); // 80 samples late: jitter
    timeline.write('received', frame(3), 420); // early, in a burst
    expect(timeline.furthest).toBe(480);
    expect(timeline.complete).toBe(0);
    const { received, sent } = timeline.take(480);
    expect([received[0], received[160], received[320]]).toEqual([1, 2, 3]);
    expect(sent.every((s) => s === 0)).toBe(true);
    expect(timeline.position).toBe(480);
  });

  it('starts a frame where it arrived when the gap is longer than the resync threshold', () => {
    const timeline = new RecordingTimeline();
    timeline.write('sent', frame(5), 160);
    const late = 160 + RESYNC_THRESHOLD_SAMPLES + 320;
    timeline.write('sent', frame(6), late);
    const { sent } = timeline.take(late);
    expect(sent.subarray(0, 160).every((s) => s === 5)).toBe(true);
    expect(sent.subarray(160, late - 160).every((s) => s === 0)).toBe(true);
    expect(sent.subarray(late - 160).every((s) => s === 6)).toBe(true);
  });

  it('keeps both directions aligned, pads the one that is behind, and appends late audio after what was taken', () => {
    const timeline = new RecordingTimeline();
    timeline.write('received', frame(1), 160);
    timeline.write('sent', frame(2), 160);
    timeline.write('received', frame(3), 320);
    expect(timeline.complete).toBe(160);
    const first = timeline.take(320);
    expect([first.received[200], first.sent[200]]).toEqual([3, 0]);
    timeline.write('sent', frame(4), 330);
    const second = timeline.take(480);
    expect(second.sent[0]).toBe(4);
  });
});

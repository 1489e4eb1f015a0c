import { describe, expect, it } from 'vitest';
import { ReceiveStatistics } from '../../../../engine/media/rtp/receive-statistics.js';

/** Feeds packets sent every 20 ms (160 timestamp units), arriving with the given extra delays (ms). */
function feed(stats: ReceiveStatistics, sequences: number[], delaysMs: number[] = []): void {
  sequences.forEach((seq, i) => {
    const frame = (seq - sequences[0]! + 0x10000) % 0x10000;
    stats.update(seq, frame * 160, frame * 160 + (delaysMs[i] ?? 0) * 8);
  });
}

describe('ReceiveStatistics (RFC 3550 A.1, A.3, A.8)', () => {
  it('counts no loss and no jitter for a perfect stream across a sequence wrap', () => {
    const stats = new ReceiveStatistics(1);
    feed(stats, Array.from({ length: 100 }, (_, i) => (65500 + i) % 65536));
    expect(stats.packetsReceived).toBe(100);
    expect(stats.cumulativeLost).toBe(0);
    expect(stats.extendedHighestSequence).toBe(65536 + 63);
    expect(stats.jitter).toBe(0);
  });

  it('reports lost packets and the fraction lost per interval', () => {
    const stats = new ReceiveStatistics(7);
    feed(stats, [10, 11, 12, 15, 16, 17, 18, 19]);
    const block = stats.takeReportBlock();
    expect(block.ssrc).toBe(7);
    expect(block.cumulativeLost).toBe(2);
    expect(block.fractionLost).toBe(Math.floor((2 * 256) / 10));
    stats.update(20, 10 * 160, 10 * 160);
    expect(stats.takeReportBlock().fractionLost).toBe(0);
  });

  it('counts duplicates as received, so loss can go negative', () => {
    const stats = new ReceiveStatistics(1);
    feed(stats, [1, 2, 2, 3]);
    expect(stats.cumulativeLost).toBe(-1);
  });

  it('estimates jitter as A.8 does: |D| smoothed by 1/16', () => {
    const stats = new ReceiveStatistics(1);
    // Transit alternates 0 and 10 ms, so every |D| is 80 timestamp units.
    const sequences = Array.from({ length: 200 }, (_, i) => i);
    feed(stats, sequences, sequences.map((i) => (i % 2) * 10));
    expect(stats.jitter).toBeGreaterThanOrEqual(79);
    expect(stats.jitter).toBeLessThanOrEqual(80);
  });

  it('treats a large jump as a restart only when the next packet confirms it', () => {
    const stats = new ReceiveStatistics(1);
    feed(stats, [100, 101]);
    expect(stats.update(40000, 0, 0)).toBe(false);
    expect(stats.update(40001, 160, 160)).toBe(true);
    expect(stats.extendedHighestSequence).toBe(40001);
    expect(stats.cumulativeLost).toBe(0);
  });
});

import { SAMPLE_RATE } from '../media-types.js';
import type { PcmStream } from './pcm-stream.js';

/** Digital silence for a number of seconds, or forever (Infinity). */
export class SilenceStream implements PcmStream {
  private readonly totalSamples: number;
  private position = 0;

  constructor(readonly durationSeconds: number = Infinity) {
    if (!(durationSeconds >= 0)) throw new RangeError(`silence duration must be >= 0 (got ${durationSeconds})`);
    this.totalSamples = Math.round(durationSeconds * SAMPLE_RATE);
  }

  read(out: Int16Array): number {
    const count = Math.min(out.length, this.totalSamples - this.position);
    out.fill(0, 0, count);
    this.position += count;
    return count;
  }

  rewind(): void {
    this.position = 0;
  }
}

import { SAMPLE_RATE } from '../media-types.js';
import type { PcmStream } from './pcm-stream.js';

/** Plays a decoded clip (speech, a file) from memory. */
export class ClipStream implements PcmStream {
  readonly durationSeconds: number;
  private position = 0;

  constructor(private readonly samples: Int16Array) {
    this.durationSeconds = samples.length / SAMPLE_RATE;
  }

  read(out: Int16Array): number {
    const count = Math.min(out.length, this.samples.length - this.position);
    out.set(this.samples.subarray(this.position, this.position + count));
    this.position += count;
    return count;
  }

  rewind(): void {
    this.position = 0;
  }
}

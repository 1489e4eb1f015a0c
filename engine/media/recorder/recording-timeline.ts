import type { AudioDirection } from '../media-types.js';

/**
 * A stream that goes quiet for longer than this (silence suppression, hold, a source that ended) resumes at the
 * moment its audio arrives again, not straight after its last frame. Shorter irregularities are network jitter, and
 * frames then follow each other without a gap.
 */
export const RESYNC_THRESHOLD_SAMPLES = 800;

/** The two directions' samples, aligned on one timeline, for the stretch [from, from + length). */
export interface AlignedAudio {
  readonly received: Int16Array;
  readonly sent: Int16Array;
}

class Track {
  /** Samples from the timeline's `taken` position up to this track's end. */
  private buffer = new Int16Array(8000);
  private length = 0;

  /** Absolute sample position just after this track's last sample. */
  end(taken: number): number {
    return taken + this.length;
  }

  write(frame: Int16Array, offset: number): void {
    const needed = offset + frame.length;
    if (needed > this.buffer.length) {
      const grown = new Int16Array(Math.max(needed, this.buffer.length * 2));
      grown.set(this.buffer.subarray(0, this.length));
      this.buffer = grown;
    }
    this.buffer.fill(0, this.length, offset);
    this.buffer.set(frame, offset);
    this.length = Math.max(this.length, needed);
  }

  take(count: number): Int16Array {
    const out = new Int16Array(count);
    out.set(this.buffer.subarray(0, Math.min(count, this.length)));
    this.buffer.copyWithin(0, Math.min(count, this.length), this.length);
    this.length = Math.max(0, this.length - count);
    return out;
  }
}

/**
 * Lines up the audio a call receives and sends, which arrive independently (one from the network, one from the
 * scheduler), on a common sample timeline that starts when recording starts. A direction with no audio reads as
 * silence, so a one-way call still records its full length. Pure: positions come from the caller's clock.
 */
export class RecordingTimeline {
  private readonly tracks: Record<AudioDirection, Track> = { received: new Track(), sent: new Track() };
  private taken = 0;

  /** Places a frame that arrived at sample position `arrivedAt` (time since the start, in samples). */
  write(direction: AudioDirection, frame: Int16Array, arrivedAt: number): void {
    const track = this.tracks[direction];
    const end = track.end(this.taken);
    const position = arrivedAt - frame.length - end > RESYNC_THRESHOLD_SAMPLES ? arrivedAt - frame.length : end;
    track.write(frame, position - this.taken);
  }

  /** Samples both directions have reached: safe to mix without waiting. */
  get complete(): number {
    return Math.min(this.tracks.received.end(this.taken), this.tracks.sent.end(this.taken));
  }

  /** The furthest position either direction has reached. */
  get furthest(): number {
    return Math.max(this.tracks.received.end(this.taken), this.tracks.sent.end(this.taken));
  }

  /** Position of the first sample not yet taken. */
  get position(): number {
    return this.taken;
  }

  /** Removes and returns everything before `upTo`, a direction short of it padded with silence. */
  take(upTo: number): AlignedAudio {
    const count = Math.max(0, upTo - this.taken);
    const aligned = { received: this.tracks.received.take(count), sent: this.tracks.sent.take(count) };
    this.taken += count;
    return aligned;
  }
}

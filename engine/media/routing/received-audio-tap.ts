import type { AudioCodecName } from '../codec/audio-codec.js';
import type { AudioFrame, EncodedAudioSource } from '../media-types.js';
import type { ReceivedFrame } from './received-frame.js';

// Packets arrive on the network's schedule and are read on the scheduler's: a short queue absorbs the difference.
// After running dry, reading resumes only once PREBUFFER frames wait, so that arrival jitter of up to a frame
// does not chop the forwarded audio into one-frame talk spurts.
const MAX_QUEUED = 5;
const PREBUFFER = 2;

/**
 * Another unit's view of what an endpoint receives: the {@link EncodedAudioSource} that `sendMediaTo` installs as the
 * target's input. Frames are pushed on arrival and pulled on the target's tick.
 */
export class ReceivedAudioTap implements EncodedAudioSource {
  private readonly queue: ReceivedFrame[] = [];
  private buffering = true;
  /** Frames dropped because the reader fell more than {@link MAX_QUEUED} frames behind. */
  overflows = 0;

  push(frame: ReceivedFrame): void {
    if (this.queue.length >= MAX_QUEUED) {
      this.queue.shift();
      this.overflows++;
    }
    this.queue.push(frame);
  }

  readEncoded(codec: AudioCodecName): Uint8Array | null | undefined {
    const next = this.peek();
    if (!next) return null;
    if (next.payload === null || next.codec?.name !== codec) return undefined;
    this.queue.shift();
    return next.payload;
  }

  readFrame(): AudioFrame | null {
    const next = this.peek();
    if (!next) return null;
    this.queue.shift();
    return next.pcm;
  }

  private peek(): ReceivedFrame | undefined {
    if (this.buffering) {
      if (this.queue.length < PREBUFFER) return undefined;
      this.buffering = false;
    }
    const next = this.queue[0];
    if (!next) this.buffering = true;
    return next;
  }
}

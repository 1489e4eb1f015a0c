import type { MediaInput } from '../media-types.js';
import { ReceivedAudioTap } from './received-audio-tap.js';
import type { ReceivedFrame } from './received-frame.js';

/**
 * The sending half of `sendMediaTo`/`stopMediaTo` (DESIGN.md, "Media"): one unit sends its received audio to any
 * number of targets, and each target receives exactly one stream, the newest. A target that has since been given
 * another source is forgotten on the next frame, so a replaced route costs nothing.
 */
export class MediaFanout {
  private readonly taps = new Map<MediaInput, ReceivedAudioTap>();

  sendTo(target: MediaInput): void {
    const existing = this.taps.get(target);
    if (existing && target.inputSource === existing) return;
    const tap = new ReceivedAudioTap();
    this.taps.set(target, tap);
    target.setInputSource(tap);
  }

  stopTo(target: MediaInput): void {
    const tap = this.taps.get(target);
    if (!tap) return;
    this.taps.delete(target);
    if (target.inputSource === tap) target.setInputSource(null);
  }

  get targetCount(): number {
    return this.taps.size;
  }

  push(frame: ReceivedFrame): void {
    for (const [target, tap] of this.taps) {
      if (target.inputSource !== tap) this.taps.delete(target);
      else tap.push(frame);
    }
  }

  /** Stops every route; each target whose input is still ours receives nothing until given a new source. */
  close(): void {
    for (const target of [...this.taps.keys()]) this.stopTo(target);
  }
}

import { MediaError } from '../media-error.js';
import { FRAME_DURATION_MS, FRAME_SAMPLES, SAMPLE_RATE } from '../media-types.js';
import { dtmfEventCode, isDtmfDigit, type DtmfDigit } from './dtmf-types.js';
import { DTMF_FREQUENCIES } from './dtmf-frequencies.js';
import { TelephoneEvent } from './telephone-event.js';

export interface DtmfSendTiming {
  /** Length of each digit's tone. */
  toneMs: number;
  /** Silence after each digit. */
  gapMs: number;
  /** What one `p` in the digit string waits. */
  pauseMs: number;
}

export const DEFAULT_DTMF_TIMING: DtmfSendTiming = { toneMs: 100, gapMs: 100, pauseMs: 500 };

/** What the sender wants sent in one 20 ms period instead of audio. */
export type DtmfOutput =
  | { kind: 'event'; payload: Uint8Array; marker: boolean; /** frame index of the event's start: its RTP timestamp */ startFrame: number }
  | { kind: 'tone'; frame: Int16Array };

type Step = { digit: DtmfDigit; frames: number } | { digit: null; frames: number };

// RFC 4733 section 2.5.1.4: the final packet of an event is sent three times in all.
const END_PACKET_COPIES = 3;
// -10 dBm0 per tone, amplitude relative to full scale for G.711 (0 dBm0 is about 3.17 dB below the peak).
const TONE_AMPLITUDE = 32768 * 10 ** (-(10 + 3.17) / 20);
const EVENT_VOLUME = 10;

/**
 * Plays VoxEngine's `sendDigits` string, one 20 ms period at a time: as RFC 4733 telephone events when the peer
 * negotiated them, otherwise as in-band dual tones. `p` waits {@link DtmfSendTiming.pauseMs}. Pure and clock-free:
 * the endpoint calls {@link next} on each tick.
 */
export class DtmfSender {
  private readonly queue: Step[] = [];
  private current: Step | null = null;
  private framesDone = 0;
  private endCopiesLeft = 0;
  private packetsSent = 0;
  private startFrame = 0;
  private readonly toneFrame = new Int16Array(FRAME_SAMPLES);

  constructor(private readonly timing: DtmfSendTiming = DEFAULT_DTMF_TIMING) {}

  /** Queues digits (0-9, *, #, A-D, p); throws `invalid-argument` naming the first character it cannot send. */
  enqueue(digits: string): void {
    const steps: Step[] = [];
    for (const char of digits) {
      const upper = char.toUpperCase();
      if (upper === 'P') {
        steps.push({ digit: null, frames: framesOf(this.timing.pauseMs) });
      } else if (isDtmfDigit(upper)) {
        steps.push({ digit: upper, frames: framesOf(this.timing.toneMs) });
        steps.push({ digit: null, frames: framesOf(this.timing.gapMs) });
      } else {
        throw new MediaError('invalid-argument', `cannot send DTMF character ${JSON.stringify(char)}`);
      }
    }
    this.queue.push(...steps);
  }

  get busy(): boolean {
    return this.current !== null || this.queue.length > 0;
  }

  clear(): void {
    this.queue.length = 0;
    this.current = null;
  }

  /** What to send for this period, or null to let audio through. */
  next(frameIndex: number, asEvents: boolean): DtmfOutput | null {
    if (!this.current) {
      this.current = this.queue.shift() ?? null;
      this.framesDone = 0;
      this.endCopiesLeft = END_PACKET_COPIES;
      this.packetsSent = 0;
      this.startFrame = frameIndex;
      if (!this.current) return null;
    }
    const step = this.current;
    if (step.digit === null) {
      if (++this.framesDone >= step.frames) this.current = null;
      return null;
    }
    if (this.framesDone < step.frames) this.framesDone++;
    const ended = this.framesDone >= step.frames;
    if (ended && (!asEvents || --this.endCopiesLeft <= 0)) this.current = null;
    if (!asEvents) return { kind: 'tone', frame: this.renderTone(step.digit, frameIndex - this.startFrame) };
    const event = new TelephoneEvent(dtmfEventCode(step.digit), ended, EVENT_VOLUME, this.framesDone * FRAME_SAMPLES);
    return { kind: 'event', payload: event.serialize(), marker: this.packetsSent++ === 0, startFrame: this.startFrame };
  }

  private renderTone(digit: DtmfDigit, frameOffset: number): Int16Array {
    const [low, high] = DTMF_FREQUENCIES[digit];
    const start = frameOffset * FRAME_SAMPLES;
    for (let i = 0; i < FRAME_SAMPLES; i++) {
      const t = (start + i) / SAMPLE_RATE;
      this.toneFrame[i] = Math.round(TONE_AMPLITUDE * (Math.sin(2 * Math.PI * low * t) + Math.sin(2 * Math.PI * high * t)));
    }
    return this.toneFrame;
  }
}

function framesOf(ms: number): number {
  return Math.max(1, Math.round(ms / FRAME_DURATION_MS));
}

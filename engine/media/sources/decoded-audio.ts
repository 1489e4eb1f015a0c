import { setImmediate as yieldToEventLoop } from 'node:timers/promises';
import { resampledLength, resampleRange } from './resampler.js';

/** The engine's internal audio format (DESIGN.md, "Media"): 8 kHz, mono, 16-bit linear PCM. */
export const TELEPHONE_SAMPLE_RATE = 8000;

/** Audio as a decoder produced it: one normalized (-1..1) sample array per channel, at the file's own rate. */
export interface DecodedAudio {
  readonly sampleRate: number;
  readonly channels: readonly Float32Array[];
}

/** Averages all channels into one (a plain mean, so a full-scale mono signal duplicated on both sides stays full). */
export function mixDown(channels: readonly Float32Array[]): Float32Array {
  if (channels.length === 0) return new Float32Array(0);
  if (channels.length === 1) return channels[0]!;
  const length = Math.min(...channels.map((c) => c.length));
  const mono = new Float32Array(length);
  const scale = 1 / channels.length;
  for (const channel of channels) {
    for (let i = 0; i < length; i++) mono[i]! += channel[i]! * scale;
  }
  return mono;
}

/** Quantizes normalized samples to 16-bit, clipping what a resampler's overshoot pushed past full scale. */
export function toInt16(samples: Float32Array): Int16Array {
  const out = new Int16Array(samples.length);
  for (let i = 0; i < samples.length; i++) {
    const scaled = Math.round(samples[i]! * 32768);
    out[i] = scaled > 32767 ? 32767 : scaled < -32768 ? -32768 : scaled;
  }
  return out;
}

/**
 * Output samples converted between two yields to the event loop. Converting a long file at once would hold the loop
 * for seconds (about 16 ms of CPU per second of 44.1 kHz audio) and delay every call's 20 ms frames; a slice of
 * 1,600 samples (0.2 s of output) costs a few milliseconds.
 */
const SLICE_SAMPLES = 1600;

/**
 * Converts decoded audio of any rate and channel count to the engine's 8 kHz mono 16-bit format, in slices that
 * let the event loop (and so the frame scheduler) run in between.
 */
export async function toTelephoneAudio(audio: DecodedAudio): Promise<Int16Array> {
  const mono = mixDown(audio.channels);
  const output = new Float32Array(resampledLength(mono.length, audio.sampleRate, TELEPHONE_SAMPLE_RATE));
  for (let start = 0; start < output.length; start += SLICE_SAMPLES) {
    resampleRange(mono, audio.sampleRate, TELEPHONE_SAMPLE_RATE, output, start, Math.min(output.length, start + SLICE_SAMPLES));
    if (start + SLICE_SAMPLES < output.length) await yieldToEventLoop();
  }
  return toInt16(output);
}

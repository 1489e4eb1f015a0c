import { describe, expect, it } from 'vitest';
import { decodeUlaw, encodeUlaw } from '../../../../engine/media/codec/g711.js';
import { DTMF_FREQUENCIES } from '../../../../engine/media/dtmf/dtmf-frequencies.js';
import { InbandDtmfDetector } from '../../../../engine/media/dtmf/inband-dtmf-detector.js';
import type { DtmfDigit } from '../../../../engine/media/dtmf/dtmf-types.js';

const RATE = 8000;

function tone(frequencies: [number, number][], ms: number, amplitude = 6000): Float64Array {
  const out = new Float64Array((ms * RATE) / 1000);
  for (const [f, a] of frequencies) for (let i = 0; i < out.length; i++) out[i]! += amplitude * a * Math.sin((2 * Math.PI * f * i) / RATE);
  return out;
}

function digitTone(digit: DtmfDigit, ms: number, amplitude = 6000, columnGain = 1): Float64Array {
  const [low, high] = DTMF_FREQUENCIES[digit];
  return tone([[low, 1], [high, columnGain]], ms, amplitude);
}

function silence(ms: number): Float64Array {
  return new Float64Array((ms * RATE) / 1000);
}

/** Runs samples through G.711 and the detector in 20 ms frames, as the endpoint does. */
function detect(...parts: Float64Array[]): string {
  const total = parts.reduce((n, p) => n + p.length, 0);
  const pcm = new Int16Array(Math.ceil(total / 160) * 160 + 1600);
  let at = 0;
  for (const part of parts) for (const s of part) pcm[at++] = Math.max(-32768, Math.min(32767, Math.round(s)));
  const received = decodeUlaw(encodeUlaw(pcm));
  const detector = new InbandDtmfDetector();
  const digits: string[] = [];
  for (let i = 0; i < received.length; i += 160) digits.push(...detector.process(received.subarray(i, i + 160)));
  return digits.join('');
}

/** A voiced-speech stand-in: a 120 Hz glottal pulse train through two formant-like resonances, with vibrato. */
function vowel(ms: number, formants: [number, number]): Float64Array {
  const out = new Float64Array((ms * RATE) / 1000);
  const resonators = formants.map((f) => ({ f, y1: 0, y2: 0 }));
  let phase = 0;
  for (let i = 0; i < out.length; i++) {
    phase += (120 + 8 * Math.sin((2 * Math.PI * 5 * i) / RATE)) / RATE;
    const excitation = phase % 1 < 0.05 ? 3000 : 0;
    let sum = 0;
    for (const r of resonators) {
      const rho = 0.97;
      const y = excitation + 2 * rho * Math.cos((2 * Math.PI * r.f) / RATE) * r.y1 - rho * rho * r.y2;
      r.y2 = r.y1;
      r.y1 = y;
      sum += y;
    }
    out[i] = sum * 0.1;
  }
  return out;
}

describe('InbandDtmfDetector', () => {
  it('detects every keypad digit once, through G.711', () => {
    const keys: DtmfDigit[] = ['1', '2', '3', 'A', '4', '5', '6', 'B', '7', '8', '9', 'C', '*', '0', '#', 'D'];
    expect(detect(...keys.flatMap((d) => [digitTone(d, 100), silence(60)]))).toBe(keys.join(''));
  });

  it('reports a long tone once and a repeated digit twice', () => {
    expect(detect(digitTone('5', 1000))).toBe('5');
    expect(detect(digitTone('5', 100), silence(80), digitTone('5', 100))).toBe('55');
  });

  it('accepts a 60 ms tone but not a 20 ms blip', () => {
    expect(detect(silence(40), digitTone('9', 60), silence(100))).toBe('9');
    expect(detect(silence(40), digitTone('9', 20), silence(100))).toBe('');
  });

  it('ignores tones that are too quiet or too twisted', () => {
    expect(detect(digitTone('1', 200, 200))).toBe('');
    expect(detect(digitTone('1', 200, 6000, 0.2))).toBe('');
    expect(detect(digitTone('1', 200, 6000, 0.6))).toBe('1');
  });

  it('finds no digit in vowels, chords, single tones or noise', () => {
    const music = tone([[440, 1], [554.37, 1], [659.25, 1]], 1000, 4000);
    const dial = tone([[350, 1], [440, 1]], 1000);
    const single = tone([[1209, 1]], 500);
    let seed = 1;
    const noise = Float64Array.from({ length: 8000 }, () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31 - 0.5) * 12000);
    const vowels = [vowel(400, [730, 1090]), vowel(400, [270, 2290]), vowel(400, [660, 1720]), vowel(400, [300, 870])];
    expect(detect(music, dial, single, noise, ...vowels)).toBe('');
  });
});

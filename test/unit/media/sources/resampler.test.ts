import { describe, expect, it } from 'vitest';
import { resample } from '../../../../engine/media/sources/resampler.js';
import { componentAmplitude, rms, sine, zeroCrossingFrequency } from './signal-analysis.js';

describe('resample', () => {
  it('keeps a 1 kHz sine at 1 kHz and its level when converting 44.1 kHz to 8 kHz', () => {
    const input = sine(1000, 44100, 1, 0.5);
    const output = resample(input, 44100, 8000);
    expect(output.length).toBe(8000);
    const middle = output.subarray(400, 7600);
    expect(zeroCrossingFrequency(middle, 8000)).toBeCloseTo(1000, 0);
    expect(rms(middle) / rms(input)).toBeGreaterThan(0.97);
    expect(rms(middle) / rms(input)).toBeLessThan(1.03);
  });

  it('keeps 3.4 kHz (the top of the telephone band) when converting 22.05 kHz to 8 kHz', () => {
    const output = resample(sine(3400, 22050, 1, 0.5), 22050, 8000);
    expect(zeroCrossingFrequency(output.subarray(400, 7600), 8000)).toBeCloseTo(3400, 0);
    expect(componentAmplitude(output.subarray(400, 7600), 8000, 3400)).toBeGreaterThan(0.4);
  });

  it('removes content above the new Nyquist frequency instead of folding it back', () => {
    // Plain decimation would turn 6 kHz into a 2 kHz alias at full level.
    const output = resample(sine(6000, 44100, 1, 0.5), 44100, 8000);
    const middle = output.subarray(400, 7600);
    expect(componentAmplitude(middle, 8000, 2000)).toBeLessThan(0.005);
    expect(rms(middle)).toBeLessThan(0.005);
  });

  it('converts up without changing the frequency', () => {
    const output = resample(sine(440, 8000, 1, 0.5), 8000, 16000);
    expect(output.length).toBe(16000);
    expect(zeroCrossingFrequency(output.subarray(800, 15200), 16000)).toBeCloseTo(440, 0);
  });

  it('returns a copy when the rates are equal and rejects non-positive rates', () => {
    const input = sine(440, 8000, 0.1);
    const output = resample(input, 8000, 8000);
    expect(output).toEqual(input);
    expect(output).not.toBe(input);
    expect(() => resample(input, 0, 8000)).toThrow(RangeError);
  });
});

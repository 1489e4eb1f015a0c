/** Measurements the media tests make on decoded audio. */

export function sine(frequencyHz: number, sampleRate: number, seconds: number, amplitude = 0.5): Float32Array {
  const out = new Float32Array(Math.round(sampleRate * seconds));
  for (let i = 0; i < out.length; i++) out[i] = amplitude * Math.sin((2 * Math.PI * frequencyHz * i) / sampleRate);
  return out;
}

/** Root mean square, in the samples' own units. */
export function rms(samples: ArrayLike<number>): number {
  let sum = 0;
  for (let i = 0; i < samples.length; i++) sum += samples[i]! * samples[i]!;
  return samples.length === 0 ? 0 : Math.sqrt(sum / samples.length);
}

/** The frequency of a clean periodic signal from its rising zero crossings (first and last crossing, interpolated). */
export function zeroCrossingFrequency(samples: ArrayLike<number>, sampleRate: number): number {
  const crossings: number[] = [];
  for (let i = 1; i < samples.length; i++) {
    const a = samples[i - 1]!;
    const b = samples[i]!;
    if (a < 0 && b >= 0) crossings.push(i - 1 + a / (a - b));
  }
  if (crossings.length < 2) return 0;
  return ((crossings.length - 1) * sampleRate) / (crossings[crossings.length - 1]! - crossings[0]!);
}

/** Amplitude of one frequency component (Goertzel), in the samples' units: a sine of amplitude A gives about A. */
export function componentAmplitude(samples: ArrayLike<number>, sampleRate: number, frequencyHz: number): number {
  const coefficient = 2 * Math.cos((2 * Math.PI * frequencyHz) / sampleRate);
  let s1 = 0;
  let s2 = 0;
  for (let i = 0; i < samples.length; i++) {
    const s0 = samples[i]! + coefficient * s1 - s2;
    s2 = s1;
    s1 = s0;
  }
  const power = s1 * s1 + s2 * s2 - coefficient * s1 * s2;
  return (2 * Math.sqrt(Math.max(0, power))) / samples.length;
}

/** Fraction of 20 ms windows whose RMS exceeds `threshold`: speech has many such windows and pauses between. */
export function activeFraction(samples: Int16Array, threshold = 300): number {
  let active = 0;
  let windows = 0;
  for (let i = 0; i + 160 <= samples.length; i += 160) {
    windows++;
    if (rms(samples.subarray(i, i + 160)) > threshold) active++;
  }
  return windows === 0 ? 0 : active / windows;
}

/** Voice pitch (60-400 Hz) of a voiced stretch, from the autocorrelation peak of its middle half. */
export function fundamentalFrequency(samples: Int16Array, sampleRate: number): number {
  const start = Math.floor(samples.length / 4);
  const segment = samples.subarray(start, start + Math.floor(samples.length / 2));
  let bestLag = 0;
  let best = -Infinity;
  for (let lag = Math.floor(sampleRate / 400); lag <= Math.ceil(sampleRate / 60); lag++) {
    let sum = 0;
    for (let i = 0; i + lag < segment.length; i++) sum += segment[i]! * segment[i + lag]!;
    const normalized = sum / (segment.length - lag);
    if (normalized > best) {
      best = normalized;
      bestLag = lag;
    }
  }
  return bestLag === 0 ? 0 : sampleRate / bestLag;
}

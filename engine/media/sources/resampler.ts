/**
 * Band-limited sample-rate conversion: a windowed-sinc interpolator (Blackman window), evaluated through a
 * precomputed kernel table so no trigonometry runs per sample.
 *
 * When converting down, the sinc's cutoff is lowered to the output's Nyquist frequency (times a small guard band), so
 * content that the output cannot represent is removed instead of folding back as aliases: a 22.05 kHz espeak prompt
 * or a 44.1 kHz music file becomes 8 kHz telephone audio without the metallic ringing of plain decimation.
 */

/** Zero crossings of the kernel on each side of its centre, at the lower of the two rates. */
const ZERO_CROSSINGS = 16;
/** Kernel table resolution: entries per unit of input-sample distance. */
const TABLE_STEPS_PER_UNIT = 512;
/** Cutoff as a fraction of the lower Nyquist frequency: the band above it is the filter's transition band. */
const CUTOFF_GUARD = 0.92;

interface Kernel {
  /** Cutoff relative to the input's Nyquist frequency (1 when converting up). */
  readonly cutoff: number;
  /** Half-width in input samples. */
  readonly halfWidth: number;
  /** Kernel values at `distance * TABLE_STEPS_PER_UNIT`, for distance in [0, halfWidth]. */
  readonly table: Float64Array;
}

const kernels = new Map<string, Kernel>();

function kernelFor(fromRate: number, toRate: number): Kernel {
  const key = `${fromRate}:${toRate}`;
  const cached = kernels.get(key);
  if (cached) return cached;
  const cutoff = Math.min(1, toRate / fromRate) * CUTOFF_GUARD;
  const halfWidth = Math.ceil(ZERO_CROSSINGS / cutoff);
  const table = new Float64Array(halfWidth * TABLE_STEPS_PER_UNIT + 2);
  for (let i = 0; i < table.length; i++) {
    const x = i / TABLE_STEPS_PER_UNIT;
    table[i] = x > halfWidth ? 0 : cutoff * sinc(cutoff * x) * blackman(x / halfWidth);
  }
  const kernel = { cutoff, halfWidth, table };
  kernels.set(key, kernel);
  return kernel;
}

function sinc(x: number): number {
  if (x === 0) return 1;
  const px = Math.PI * x;
  return Math.sin(px) / px;
}

/** Blackman window over [-1, 1], evaluated at |u|. */
function blackman(u: number): number {
  const a = Math.abs(u);
  if (a >= 1) return 0;
  const phase = Math.PI * (a + 1);
  return 0.42 - 0.5 * Math.cos(phase) + 0.08 * Math.cos(2 * phase);
}

function kernelAt(kernel: Kernel, distance: number): number {
  const position = Math.abs(distance) * TABLE_STEPS_PER_UNIT;
  const index = Math.floor(position);
  if (index >= kernel.table.length - 1) return 0;
  const fraction = position - index;
  const a = kernel.table[index]!;
  return a + (kernel.table[index + 1]! - a) * fraction;
}

/**
 * Converts `input` (samples at `fromRate`) to `toRate`. The output holds `round(length * toRate / fromRate)` samples;
 * the signal is treated as silent outside the input, so the edges fade as a band-limited signal would.
 * Pure: the input is not modified.
 */
export function resample(input: Float32Array, fromRate: number, toRate: number): Float32Array {
  const output = new Float32Array(resampledLength(input.length, fromRate, toRate));
  resampleRange(input, fromRate, toRate, output, 0, output.length);
  return output;
}

/** Length of `inputLength` samples converted from `fromRate` to `toRate`. */
export function resampledLength(inputLength: number, fromRate: number, toRate: number): number {
  if (!(fromRate > 0) || !(toRate > 0)) throw new RangeError(`sample rates must be positive (got ${fromRate} -> ${toRate})`);
  return Math.round((inputLength * toRate) / fromRate);
}

/**
 * Computes output samples [start, end) of {@link resample} into `output`, so that a long conversion can be done in
 * slices with the event loop running in between.
 */
export function resampleRange(input: Float32Array, fromRate: number, toRate: number, output: Float32Array, start: number, end: number): void {
  if (fromRate === toRate) {
    output.set(input.subarray(start, end), start);
    return;
  }
  const kernel = kernelFor(fromRate, toRate);
  const step = fromRate / toRate;
  const last = input.length - 1;
  for (let n = start; n < end; n++) {
    const centre = n * step;
    const first = Math.max(0, Math.ceil(centre - kernel.halfWidth));
    const stop = Math.min(last, Math.floor(centre + kernel.halfWidth));
    let sum = 0;
    for (let k = first; k <= stop; k++) sum += input[k]! * kernelAt(kernel, centre - k);
    output[n] = sum;
  }
}

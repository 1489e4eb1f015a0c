import { DTMF_COLUMNS, DTMF_KEYPAD, DTMF_ROWS } from './dtmf-frequencies.js';
import type { DtmfDigit } from './dtmf-types.js';
import { SAMPLE_RATE } from '../media-types.js';

/**
 * In-band DTMF detection with the Goertzel algorithm over 205-sample blocks (25.6 ms at 8 kHz, the classic size
 * whose bins fall close to all eight keypad frequencies).
 *
 * A block holds a digit only when every check passes; together they keep speech and music from producing digits:
 *  - energy: the block is loud enough (about -30 dBm0 per tone or more);
 *  - purity: the two strongest tones carry most of the block's energy (speech and music spread theirs);
 *  - dominance: each tone stands well above the other frequencies of its group;
 *  - twist: the two tones are within 8 dB of each other (ITU-T Q.24 allows a few dB either way);
 *  - harmonics: no strong second harmonic of either tone (voices have them, DTMF has none).
 * A digit is reported once it holds for two consecutive blocks (about 51 ms; Q.24 requires accepting 40 ms tones),
 * and is not reported again until a block without it.
 */
const BLOCK = 205;
const MIN_TONE_POWER = 2.5e5; // mean square of one tone: amplitude ~700 of 32768, about -33 dBm0
const MIN_PURITY = 0.7;
const MIN_DOMINANCE = 6.3; // 8 dB in power
const MAX_TWIST = 6.3; // 8 dB in power
const MAX_HARMONIC_RATIO = 0.1;

function coefficient(frequency: number): number {
  const k = Math.round((BLOCK * frequency) / SAMPLE_RATE);
  return 2 * Math.cos((2 * Math.PI * k) / BLOCK);
}

const ROW_COEFFICIENTS = DTMF_ROWS.map(coefficient);
const COLUMN_COEFFICIENTS = DTMF_COLUMNS.map(coefficient);
const ROW_HARMONICS = DTMF_ROWS.map((f) => coefficient(2 * f));
const COLUMN_HARMONICS = DTMF_COLUMNS.map((f) => coefficient(2 * f));

/** Mean-square power of the component at the bin with this coefficient (2|X|^2 / N^2 for a sinusoid: A^2 / 2). */
function goertzel(block: Float64Array, coeff: number): number {
  let s1 = 0;
  let s2 = 0;
  for (let i = 0; i < BLOCK; i++) {
    const s0 = block[i]! + coeff * s1 - s2;
    s2 = s1;
    s1 = s0;
  }
  return (2 * (s1 * s1 + s2 * s2 - coeff * s1 * s2)) / (BLOCK * BLOCK);
}

function strongest(powers: number[]): number {
  let best = 0;
  for (let i = 1; i < powers.length; i++) if (powers[i]! > powers[best]!) best = i;
  return best;
}

/** Classifies one block: the digit it holds, or null. Exported for tests of the individual checks. */
export function detectDtmfInBlock(block: Float64Array): DtmfDigit | null {
  let energy = 0;
  for (let i = 0; i < BLOCK; i++) energy += block[i]! * block[i]!;
  const meanSquare = energy / BLOCK;
  const rows = ROW_COEFFICIENTS.map((c) => goertzel(block, c));
  const columns = COLUMN_COEFFICIENTS.map((c) => goertzel(block, c));
  const r = strongest(rows);
  const c = strongest(columns);
  const rowPower = rows[r]!;
  const columnPower = columns[c]!;
  if (rowPower < MIN_TONE_POWER || columnPower < MIN_TONE_POWER) return null;
  if (rowPower > columnPower * MAX_TWIST || columnPower > rowPower * MAX_TWIST) return null;
  if (rows.some((p, i) => i !== r && p * MIN_DOMINANCE > rowPower)) return null;
  if (columns.some((p, i) => i !== c && p * MIN_DOMINANCE > columnPower)) return null;
  if ((rowPower + columnPower) < MIN_PURITY * meanSquare) return null;
  if (goertzel(block, ROW_HARMONICS[r]!) > rowPower * MAX_HARMONIC_RATIO) return null;
  if (goertzel(block, COLUMN_HARMONICS[c]!) > columnPower * MAX_HARMONIC_RATIO) return null;
  return DTMF_KEYPAD[r]![c]!;
}

/** Streams 20 ms frames through {@link detectDtmfInBlock} and reports each digit once. */
export class InbandDtmfDetector {
  private readonly block = new Float64Array(BLOCK);
  private filled = 0;
  private candidate: DtmfDigit | null = null;
  private reported: DtmfDigit | null = null;

  /** Feeds one frame; returns the digits whose tones were confirmed within it (rarely more than one). */
  process(frame: Int16Array): DtmfDigit[] {
    const found: DtmfDigit[] = [];
    for (let i = 0; i < frame.length; i++) {
      this.block[this.filled++] = frame[i]!;
      if (this.filled < BLOCK) continue;
      this.filled = 0;
      const digit = detectDtmfInBlock(this.block);
      if (digit === null) {
        this.reported = null;
      } else if (digit === this.candidate && digit !== this.reported) {
        this.reported = digit;
        found.push(digit);
      }
      this.candidate = digit;
    }
    return found;
  }

  reset(): void {
    this.filled = 0;
    this.candidate = null;
    this.reported = null;
  }
}

import type { DtmfDigit } from './dtmf-types.js';

/** ITU-T Q.23: the row (low group) and column (high group) frequencies of the keypad, in Hz. */
export const DTMF_ROWS = [697, 770, 852, 941] as const;
export const DTMF_COLUMNS = [1209, 1336, 1477, 1633] as const;

/** The keypad laid out by row and column. */
export const DTMF_KEYPAD: readonly (readonly DtmfDigit[])[] = [
  ['1', '2', '3', 'A'],
  ['4', '5', '6', 'B'],
  ['7', '8', '9', 'C'],
  ['*', '0', '#', 'D'],
];

function frequenciesOf(): Record<DtmfDigit, readonly [number, number]> {
  const table: Partial<Record<DtmfDigit, readonly [number, number]>> = {};
  DTMF_KEYPAD.forEach((row, r) => row.forEach((digit, c) => (table[digit] = [DTMF_ROWS[r]!, DTMF_COLUMNS[c]!])));
  return table as Record<DtmfDigit, readonly [number, number]>;
}

/** Each digit's (row, column) frequency pair. */
export const DTMF_FREQUENCIES: Readonly<Record<DtmfDigit, readonly [number, number]>> = frequenciesOf();

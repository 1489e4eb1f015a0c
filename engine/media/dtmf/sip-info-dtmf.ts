import { DTMF_EVENT_DIGITS, isDtmfDigit, type DtmfDigit } from './dtmf-types.js';

export interface SipInfoDigit {
  digit: DtmfDigit;
  /** Milliseconds, when the body says. */
  durationMs?: number;
}

/**
 * Decodes the body of a SIP INFO request carrying a DTMF digit, for the SIP layer (the media layer only reads the
 * body). Two de facto formats exist, neither standardised by an RFC:
 *  - `application/dtmf-relay`: lines `Signal=5` and `Duration=160` (milliseconds);
 *  - `application/dtmf`: the digit alone, e.g. `5`.
 * Either may send the event code (10 for `*`, 11 for `#`, 12-15 for A-D) instead of the character.
 * Returns null for any other content type or a body without a digit.
 */
export function decodeSipInfoDtmf(contentType: string, body: string): SipInfoDigit | null {
  const type = contentType.split(';')[0]!.trim().toLowerCase();
  if (type === 'application/dtmf-relay') {
    let digit: DtmfDigit | null = null;
    let durationMs: number | undefined;
    for (const line of body.split(/\r?\n/)) {
      const match = /^\s*([A-Za-z]+)\s*=\s*(\S+)\s*$/.exec(line);
      if (!match) continue;
      const key = match[1]!.toLowerCase();
      if (key === 'signal') digit = toDigit(match[2]!);
      else if (key === 'duration' && /^\d+$/.test(match[2]!)) durationMs = Number(match[2]);
    }
    if (!digit) return null;
    return durationMs === undefined ? { digit } : { digit, durationMs };
  }
  if (type === 'application/dtmf') {
    const digit = toDigit(body.trim());
    return digit ? { digit } : null;
  }
  return null;
}

function toDigit(value: string): DtmfDigit | null {
  const upper = value.toUpperCase();
  if (isDtmfDigit(upper)) return upper;
  if (/^1[0-5]$/.test(value)) return DTMF_EVENT_DIGITS[Number(value)]!;
  return null;
}

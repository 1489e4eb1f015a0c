/** A DTMF digit as VoxEngine reports it in `CallEvents.ToneReceived.tone`. */
export type DtmfDigit = '0' | '1' | '2' | '3' | '4' | '5' | '6' | '7' | '8' | '9' | '*' | '#' | 'A' | 'B' | 'C' | 'D';

/** VoxEngine's DTMF type codes (`ToneReceived.type`): how the digit arrived. */
export const DtmfType = {
  rfc2833: 1,
  inband: 2,
  sipInfo: 3,
} as const;
export type DtmfType = (typeof DtmfType)[keyof typeof DtmfType];

export interface DtmfEvent {
  digit: DtmfDigit;
  type: DtmfType;
}

/** RFC 4733 section 3.2, table 1: event codes 0-15 are the DTMF digits in this order. */
export const DTMF_EVENT_DIGITS: readonly DtmfDigit[] = ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9', '*', '#', 'A', 'B', 'C', 'D'];

export function isDtmfDigit(value: string): value is DtmfDigit {
  return (DTMF_EVENT_DIGITS as readonly string[]).includes(value);
}

export function dtmfEventCode(digit: DtmfDigit): number {
  return DTMF_EVENT_DIGITS.indexOf(digit);
}

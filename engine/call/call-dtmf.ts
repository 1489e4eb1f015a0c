/**
 * `handleTones` and `sendDigits`. By default received DTMF does not reach the scenario; `handleTones(true)` turns on
 * `ToneReceived` for the chosen ways of arrival (VoxEngine's `DTMFType`: 0 all, 1 RFC 2833/4733, 2 in-band, 3 SIP INFO).
 */
import type { CallContext } from './call-context.js';
import { DtmfType } from './call-leg.js';

const allTypes: readonly DtmfType[] = [DtmfType.rfc2833, DtmfType.inband, DtmfType.sipInfo];

export class CallDtmf {
  private handled: readonly DtmfType[] = [];

  constructor(private readonly ctx: CallContext) {}

  /** `supportedType` 0 (or undefined) means every way of arrival. */
  handleTones(doHandle: boolean, supportedType: 0 | DtmfType | undefined): void {
    this.handled = !doHandle ? [] : supportedType === undefined || supportedType === 0 ? allTypes : [supportedType];
    this.ctx.leg.setDtmfDetection(doHandle, this.handled);
  }

  received(tone: string, type: DtmfType): void {
    if (!this.handled.includes(type)) return;
    // The reference gives `type` as a string: "1" (RFC 2833), "2" (in-band), "3" (SIP INFO).
    this.ctx.emit('Call.ToneReceived', { tone, type: String(type) });
  }

  sendDigits(digits: string): void {
    const state = this.ctx.state();
    if (state !== 'CONNECTED' && state !== 'PROGRESSING') {
      this.ctx.log.warn({ state }, 'sendDigits ignored: the call carries no media in this state');
      return;
    }
    this.ctx.leg.sendDigits(digits);
  }
}

/** Digits `sendDigits` accepts: RFC 4733 section 3.2 events 0-15 (0-9, *, #, A-D), and VoxEngine's `p` pause. */
export const dtmfDigits = /^[0-9*#A-Da-dp]+$/;

/**
 * An INFO request inside a call's dialog (RFC 6086): a DTMF relay body becomes `ToneReceived` with type 3 when the
 * scenario handles SIP INFO tones; anything else, or any INFO while it does not, is `InfoReceived`.
 */
import { decodeSipInfoDtmf } from '../media/dtmf/sip-info-dtmf.js';
import type { SipRequest } from '../sip/message/request.js';
import { DtmfType } from './call-leg.js';
import { customHeadersOf } from './sip-headers.js';
import type { SipLegMedia } from './sip-leg-media.js';
import type { SipLegReporter } from './sip-leg-reporter.js';

export function receiveInfo(request: SipRequest, media: SipLegMedia, reporter: SipLegReporter): void {
  const contentType = request.header('Content-Type') ?? '';
  const body = request.bodyText;
  const digit = contentType ? decodeSipInfoDtmf(contentType, body) : null;
  if (digit && media.reportsDtmf(DtmfType.sipInfo)) {
    reporter.report((d) => d.toneReceived(digit.digit, DtmfType.sipInfo));
    return;
  }
  const headers = customHeadersOf(request);
  const mimeType = contentType.split(';')[0]!.trim();
  reporter.report((d) => d.infoReceived(mimeType, body, headers));
}

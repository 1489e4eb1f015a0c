/**
 * Header fields between SIP messages and VoxEngine payloads. VoxEngine hands a scenario the custom `X-` headers of
 * the message behind an event (`e.headers`), and sends the ones a scenario passes with `answer`, `hangup`, `sendInfo`
 * ... on the message it causes.
 */
import type { SipMessage } from '../sip/message/message.js';
import type { ExtraHeaders } from '../sip/user-agent/session-types.js';
import type { Headers } from './call-leg.js';

const customHeader = /^x-/i;

/** The `X-` headers of a message, by the name the peer wrote; repeated fields are joined with a comma (RFC 3261 7.3.1). */
export function customHeadersOf(message: SipMessage | undefined): Headers {
  const headers: Headers = {};
  if (!message) return headers;
  for (const field of message.headerFields()) {
    if (!customHeader.test(field.name)) continue;
    const existing = headers[field.name];
    headers[field.name] = existing === undefined ? field.value : `${existing}, ${field.value}`;
  }
  return headers;
}

/**
 * A scenario's headers as extra fields of an outgoing message. The call layer has validated names and values
 * already; structural headers are left to the SIP stack, so a scenario cannot break the dialog.
 */
export function toExtraHeaders(headers: Headers): ExtraHeaders {
  return Object.entries(headers).filter(([name]) => !structural.has(name.toLowerCase()));
}

const structural = new Set([
  'via', 'from', 'to', 'call-id', 'cseq', 'contact', 'max-forwards', 'route', 'record-route', 'content-length',
  'content-type', 'authorization', 'proxy-authorization',
]);

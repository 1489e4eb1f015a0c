import type { HeaderField } from './header-field.js';
import { canonicalHeaderName } from './header-names.js';
import { formatNameAddr, type NameAddrInit } from './name-addr.js';
import { SipRequest } from './request.js';
import type { SipResponse } from './response.js';
import { formatUri, type Uri } from './sip-uri.js';
import { formatVia, type Via } from './via.js';

export interface RequestInit {
  readonly method: string;
  readonly uri: Uri | string;
  readonly from: NameAddrInit | string;
  readonly to: NameAddrInit | string;
  readonly callId: string;
  readonly cseq: number;
  /** Usually left out here and prepended by the transaction layer, which owns the branch. */
  readonly via?: readonly (Via | string)[];
  /** RFC 3261 8.1.1.6: SHOULD be 70. */
  readonly maxForwards?: number;
  readonly contact?: readonly (NameAddrInit | string)[];
  /** The route set, in order (RFC 3261 12.2.1.1 / 8.1.2). */
  readonly routes?: readonly (NameAddrInit | string)[];
  readonly headers?: readonly (readonly [name: string, value: string])[];
  readonly body?: Buffer | string;
  readonly contentType?: string;
}

function text(value: NameAddrInit | string): string {
  return typeof value === 'string' ? value : formatNameAddr(value);
}

/**
 * Builds a request with the header fields RFC 3261 8.1.1 requires (To, From, CSeq, Call-ID, Max-Forwards, Via when
 * given) plus Contact, Route, extra headers and a body with its Content-Length.
 */
export function createRequest(init: RequestInit): SipRequest {
  const fields: HeaderField[] = [];
  for (const via of init.via ?? []) fields.push({ name: 'Via', key: 'via', value: typeof via === 'string' ? via : formatVia(via) });
  fields.push({ name: 'Max-Forwards', key: 'max-forwards', value: String(init.maxForwards ?? 70) });
  for (const route of init.routes ?? []) fields.push({ name: 'Route', key: 'route', value: text(route) });
  fields.push({ name: 'From', key: 'from', value: text(init.from) });
  fields.push({ name: 'To', key: 'to', value: text(init.to) });
  fields.push({ name: 'Call-ID', key: 'call-id', value: init.callId });
  fields.push({ name: 'CSeq', key: 'cseq', value: `${init.cseq} ${init.method}` });
  for (const contact of init.contact ?? []) fields.push({ name: 'Contact', key: 'contact', value: text(contact) });
  const request = new SipRequest(init.method, typeof init.uri === 'string' ? init.uri : formatUri(init.uri), fields);
  for (const [name, value] of init.headers ?? []) request.addHeader(name, value);
  request.setBody(init.body ?? Buffer.alloc(0), init.contentType);
  return request;
}

function copyFields(from: SipRequest, keys: readonly string[], only?: 'first'): HeaderField[] {
  const fields: HeaderField[] = [];
  for (const key of keys) {
    for (const field of from.headerFields()) {
      if (field.key !== key) continue;
      fields.push({ name: canonicalHeaderName(key), key, value: field.value });
      if (only === 'first') break;
    }
  }
  return fields;
}

/**
 * RFC 3261 9.1: a CANCEL has the INVITE's Request-URI, Call-ID, To, From, CSeq number (method CANCEL), a single Via
 * equal to the INVITE's top Via, and the same Route header fields.
 */
export function createCancel(invite: SipRequest): SipRequest {
  const fields = [
    ...copyFields(invite, ['via'], 'first'),
    ...copyFields(invite, ['max-forwards', 'route', 'from', 'to', 'call-id']),
  ];
  fields.push({ name: 'CSeq', key: 'cseq', value: `${invite.cseq.seq} CANCEL` });
  const cancel = new SipRequest('CANCEL', invite.uri, fields);
  cancel.setBody(Buffer.alloc(0));
  return cancel;
}

/**
 * RFC 3261 17.1.1.3: the ACK for a non-2xx final response has the INVITE's Request-URI, Call-ID, From, CSeq number
 * (method ACK), top Via and Route, and the To of the response (which carries the UAS tag).
 */
export function createNon2xxAck(invite: SipRequest, response: SipResponse): SipRequest {
  const fields = [
    ...copyFields(invite, ['via'], 'first'),
    ...copyFields(invite, ['max-forwards', 'route', 'from']),
  ];
  const to = response.header('to') ?? invite.header('to') ?? '';
  fields.push({ name: 'To', key: 'to', value: to });
  fields.push(...copyFields(invite, ['call-id']));
  fields.push({ name: 'CSeq', key: 'cseq', value: `${invite.cseq.seq} ACK` });
  const ack = new SipRequest('ACK', invite.uri, fields);
  ack.setBody(Buffer.alloc(0));
  return ack;
}

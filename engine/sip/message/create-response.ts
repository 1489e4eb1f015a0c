import { randomBytes } from 'node:crypto';
import type { HeaderField } from './header-field.js';
import { headerKey } from './header-names.js';
import type { SipRequest } from './request.js';
import { SipResponse } from './response.js';
import { reasonPhrase } from './reason-phrases.js';
import type { SipParseError } from './sip-parse-error.js';

export interface ResponseOptions {
  /** Defaults to the RFC 3261 21 phrase for the status. */
  readonly reason?: string;
  /**
   * The UAS's tag for To (RFC 3261 8.2.6.2: every response but 100 carries one). Ignored when the request's To
   * already has a tag (an in-dialog request) or for 100 Trying.
   */
  readonly toTag?: string;
  /** Extra header fields, appended in order. */
  readonly headers?: readonly (readonly [name: string, value: string])[];
  readonly body?: Buffer | string;
  readonly contentType?: string;
}

// RFC 3261 12.1.1: a response that establishes a dialog copies the request's Record-Route (methods that create dialogs:
// INVITE here, SUBSCRIBE by RFC 6665 and REFER by RFC 3515).
const DIALOG_CREATING = new Set(['INVITE', 'SUBSCRIBE', 'REFER']);

/**
 * Builds a response to `request` per RFC 3261 8.2.6: Via (all values, in order), From, Call-ID and CSeq copied; To
 * copied with the UAS tag added; a 100 Trying copies Timestamp (8.2.6.1). Reads only raw header values, so it works
 * on a request whose other headers are malformed (a 400 for it).
 */
export function createResponse(request: SipRequest, status: number, options: ResponseOptions = {}): SipResponse {
  return buildResponse(request.headerFields(), request.method, status, options);
}

/**
 * The 400 (or `status`) answer to a request that failed to parse, when the transaction-identifying headers (Via,
 * From, To, Call-ID, CSeq) survived; null when it cannot be answered (a response, or those headers are missing).
 * The reason phrase names the problem (RFC 3261 21.4.1: the Reason-Phrase SHOULD identify the syntax problem).
 */
export function createParseErrorResponse(error: SipParseError, status = 400): SipResponse | null {
  const { kind, headers, method } = error.context;
  if (kind !== 'request' || !headers || method === 'ACK') return null;
  const has = (key: string) => headers.some((field) => headerKey(field.name) === key);
  if (!['via', 'from', 'to', 'call-id', 'cseq'].every(has)) return null;
  const fields = headers.map((field) => ({ name: field.name, key: headerKey(field.name), value: field.value }));
  // RFC 3261 8.2.6.2: a final response carries a To tag; this one is answered statelessly, so any fresh tag will do.
  return buildResponse(fields, method ?? '', status, { reason: error.reason, toTag: randomBytes(6).toString('hex') });
}

function buildResponse(
  requestFields: readonly HeaderField[],
  method: string,
  status: number,
  options: ResponseOptions,
): SipResponse {
  const fields: HeaderField[] = [];
  copyFields(requestFields, fields, 'via', 'Via');
  if (status > 100 && status < 300 && DIALOG_CREATING.has(method)) copyFields(requestFields, fields, 'record-route', 'Record-Route');
  copyFields(requestFields, fields, 'from', 'From');
  for (const field of requestFields) {
    if (field.key !== 'to') continue;
    // Only header parameters count: a ';tag=' inside <...> belongs to the URI.
    const hasTag = /;\s*tag\s*=/i.test(field.value.slice(field.value.lastIndexOf('>') + 1));
    const value = !hasTag && status > 100 && options.toTag !== undefined ? `${field.value};tag=${options.toTag}` : field.value;
    fields.push({ name: 'To', key: 'to', value });
  }
  copyFields(requestFields, fields, 'call-id', 'Call-ID');
  copyFields(requestFields, fields, 'cseq', 'CSeq');
  if (status === 100) copyFields(requestFields, fields, 'timestamp', 'Timestamp');

  const response = new SipResponse(status, options.reason ?? reasonPhrase(status), fields);
  for (const [name, value] of options.headers ?? []) response.addHeader(name, value);
  response.setBody(options.body ?? Buffer.alloc(0), options.contentType);
  return response;
}

// A module-level function rather than a closure: the hot path builds several responses per call.
function copyFields(from: readonly HeaderField[], to: HeaderField[], key: string, name: string): void {
  for (const field of from) if (field.key === key) to.push({ name, key, value: field.value });
}

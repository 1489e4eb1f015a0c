import type { SipRequest } from './request.js';
import { SipParseError } from './sip-parse-error.js';

/** How a UAS should refuse a request: status, reason phrase, and headers the RFC asks for with that status. */
export interface RequestRejection {
  readonly status: number;
  readonly reason: string;
  readonly headers: readonly (readonly [name: string, value: string])[];
}

/** What the UAS implements; the checks compare the request against it. */
export interface UasCapabilities {
  /** Methods the UAS handles (others get 405 or 501 with Allow). */
  readonly methods: readonly string[];
  /** Option tags the UAS supports (a Require outside this list gets 420). */
  readonly extensions: readonly string[];
  /** Request-URI schemes served (others get 416). */
  readonly uriSchemes: readonly string[];
  /** Body types understood in session-description requests: INVITE, UPDATE, PRACK (others get 415). */
  readonly sessionBodyTypes: readonly string[];
}

export const DEFAULT_UAS_CAPABILITIES: UasCapabilities = {
  methods: ['INVITE', 'ACK', 'BYE', 'CANCEL', 'OPTIONS', 'INFO', 'MESSAGE', 'REFER', 'NOTIFY', 'UPDATE', 'PRACK'],
  extensions: ['replaces', 'norefersub'],
  uriSchemes: ['sip', 'sips', 'tel'],
  sessionBodyTypes: ['application/sdp'],
};

// Methods defined by RFC 3261 and its extensions: a UAS that does not handle one answers 405, not 501 (RFC 3261 21.4.6
// vs 21.5.2).
const KNOWN_METHODS = new Set([
  'INVITE', 'ACK', 'BYE', 'CANCEL', 'OPTIONS', 'REGISTER', 'PRACK', 'SUBSCRIBE', 'NOTIFY', 'PUBLISH', 'INFO', 'REFER',
  'MESSAGE', 'UPDATE',
]);
const SESSION_METHODS = new Set(['INVITE', 'UPDATE', 'PRACK']);

function reject(status: number, reason: string, headers: RequestRejection['headers'] = []): RequestRejection {
  return { status, reason, headers };
}

/** Runs a header check, turning a SipParseError into a 400 whose reason names the header. */
function check(read: () => unknown): RequestRejection | null {
  try {
    read();
    return null;
  } catch (error) {
    if (error instanceof SipParseError) return reject(400, error.reason);
    throw error;
  }
}

/**
 * The checks of RFC 3261 8.2 that need no dialog or transaction state, in the order the RFC gives them, after the
 * headers every response depends on. Returns how to refuse the request, or null when it may be processed.
 * An ACK is never answered: callers must drop an ACK this function refuses.
 */
export function validateRequest(
  request: SipRequest,
  capabilities: UasCapabilities = DEFAULT_UAS_CAPABILITIES,
): RequestRejection | null {
  // RFC 3261 8.1.1 / 8.2: Via, From, To, Call-ID and CSeq are needed to answer at all, and each but Via must appear
  // exactly once (RFC 4475 3.3.1, 3.3.8).
  const headerProblem =
    check(() => request.via) ??
    check(() => request.from) ??
    check(() => request.to) ??
    check(() => request.callId) ??
    check(() => request.cseq);
  if (headerProblem) return headerProblem;

  // RFC 3261 21.5.6 (505): a version other than SIP/2.0, in the request line or the top Via.
  if (request.version.toUpperCase() !== 'SIP/2.0') return reject(505, 'Version Not Supported');
  const top = request.topVia;
  if (top.protocolName.toUpperCase() !== 'SIP' || top.protocolVersion !== '2.0') return reject(505, 'Version Not Supported');

  // RFC 3261 8.2.1: a method the UAS does not support gets 405 (known) or 501 (unknown), with Allow (20.5).
  if (!capabilities.methods.includes(request.method)) {
    const allow: RequestRejection['headers'] = [['Allow', capabilities.methods.join(', ')]];
    return KNOWN_METHODS.has(request.method) ? reject(405, 'Method Not Allowed', allow) : reject(501, 'Not Implemented', allow);
  }

  // RFC 3261 8.1.1.5: the CSeq method MUST match the request method (RFC 4475 3.1.2.17).
  if (request.cseq.method !== request.method) return reject(400, 'CSeq Method Mismatch');

  const optionalProblem =
    check(() => request.maxForwards) ??
    check(() => request.contentLength) ??
    check(() => request.contact) ??
    check(() => request.contentType) ??
    check(() => request.require);
  if (optionalProblem) return optionalProblem;

  // RFC 3261 8.2.2.1: a Request-URI scheme the UAS does not understand gets 416.
  let scheme: string;
  try {
    scheme = request.requestUri.scheme;
  } catch (error) {
    if (error instanceof SipParseError) return reject(400, error.reason);
    throw error;
  }
  if (!capabilities.uriSchemes.includes(scheme)) return reject(416, 'Unsupported URI Scheme');

  // RFC 3261 8.2.2.3: option tags in Require that the UAS does not understand get 420 with Unsupported listing them;
  // not applied to ACK or CANCEL. Proxy-Require is for proxies and ignored here.
  if (request.method !== 'ACK' && request.method !== 'CANCEL') {
    const unknown = request.require.filter((tag) => !capabilities.extensions.includes(tag.toLowerCase()));
    if (unknown.length > 0) return reject(420, 'Bad Extension', [['Unsupported', unknown.join(', ')]]);
  }

  // RFC 3261 8.2.3: a body the UAS does not understand gets 415 with Accept; RFC 3261 20.15: a body needs Content-Type.
  if (SESSION_METHODS.has(request.method) && request.body.length > 0) {
    const type = request.contentType;
    const accept: RequestRejection['headers'] = [['Accept', capabilities.sessionBodyTypes.join(', ')]];
    if (!type) return reject(400, 'Missing Content-Type');
    if (!capabilities.sessionBodyTypes.includes(type.mediaType)) return reject(415, 'Unsupported Media Type', accept);
  }

  // RFC 3261 21.4.7 (406): the answer's body type must be one the request's Accept allows (RFC 4475 3.3.15).
  if (request.method === 'INVITE' && request.hasHeader('accept')) {
    const acceptable = request.headers('accept').map((value) => value.split(';')[0]!.trim().toLowerCase());
    const ok = capabilities.sessionBodyTypes.some((type) =>
      acceptable.some((range) => range === type || range === '*/*' || range === `${type.split('/')[0]}/*`),
    );
    if (!ok && acceptable.some((range) => range.length > 0)) return reject(406, 'Not Acceptable');
  }
  return null;
}

import type { SipRequest } from '../message/request.js';
import { isSipUri, parseUri, type Uri } from '../message/sip-uri.js';
import { defaultPort } from '../transport/response-route.js';
import type { TransportProtocol, TransportTarget } from '../transport/transport-types.js';

/** A typed failure to find where a request goes. */
export class RequestTargetError extends Error {
  readonly code = 'SIP_BAD_TARGET';
  override readonly name = 'RequestTargetError';
}

/**
 * RFC 3261 section 8.1.2: "the UAC MUST send the request to the location in the first Route header field value if
 * any, otherwise to the Request-URI". RFC 3263 section 4.1/4.2, without DNS NAPTR/SRV: the transport is the URI's
 * `transport` parameter (TLS for a SIPS URI), the port the URI's port or 5060/5061, and `maddr` overrides the host.
 */
export function requestTarget(request: SipRequest): TransportTarget {
  const route = request.routes[0];
  return uriTarget(route ? route.uri : request.requestUri);
}

export function uriTarget(uri: Uri | string): TransportTarget {
  const parsed = typeof uri === 'string' ? parseUri(uri) : uri;
  if (!isSipUri(parsed)) throw new RequestTargetError(`cannot send to a ${parsed.scheme}: URI`);
  const transportParam = parsed.params.transport?.toLowerCase();
  let protocol: TransportProtocol = 'udp';
  if (parsed.scheme === 'sips' || transportParam === 'tls') protocol = 'tls';
  else if (transportParam === 'tcp') protocol = 'tcp';
  else if (transportParam !== undefined && transportParam !== 'udp') {
    throw new RequestTargetError(`unsupported transport=${transportParam}`);
  }
  const maddr = parsed.params.maddr;
  const host = maddr ?? parsed.host;
  return { protocol, host: host.startsWith('[') ? host.slice(1, -1) : host, port: parsed.port ?? defaultPort(protocol) };
}

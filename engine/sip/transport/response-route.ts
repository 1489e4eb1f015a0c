import type { Via } from '../message/via.js';
import type { ResponseRoute } from './transport-layer.js';
import type { MessageSource, TransportProtocol } from './transport-types.js';

/**
 * Where a response to a request goes. RFC 3261 section 18.2.2 and RFC 3581 section 4:
 * - reliable transports: the connection the request came in on (the transport layer falls back to a new
 *   connection to received / sent-by port when it has closed);
 * - maddr: "the response MUST be forwarded to the address listed there, using the port indicated in sent-by";
 * - rport: "the server MUST send the response to the IP address and port from which the request was received";
 * - otherwise the "received" address and the sent-by port, 5060 by default.
 */
export function responseRoute(via: Via, source: MessageSource, forceRport = false): ResponseRoute {
  const protocol = source.protocol;
  const sentByPort = via.port ?? defaultPort(protocol);
  if (protocol !== 'udp') {
    return { protocol, host: source.remoteAddress, port: source.remotePort, connectionId: source.connectionId };
  }
  if (via.maddr !== undefined) return { protocol, host: via.maddr, port: sentByPort };
  // forceRport: answer to the source as if rport had been asked for (peers behind NAT that do not ask).
  if (via.rport !== undefined || forceRport) return { protocol, host: source.remoteAddress, port: source.remotePort };
  return { protocol, host: via.received ?? source.remoteAddress, port: sentByPort };
}

export function defaultPort(protocol: TransportProtocol): number {
  return protocol === 'tls' ? 5061 : 5060;
}

/**
 * Section 18.2.1: "If the host portion of the "sent-by" parameter contains a domain name, or if it contains an IP
 * address that differs from the packet source address, the server MUST add a "received" parameter". RFC 3581
 * section 4 also fills an empty rport with the source port. Returns the Via to write back, or undefined when the
 * top Via needs no change (the common case, kept allocation-free).
 */
export function stampReceived(via: Via, source: MessageSource): Record<string, string | null> | undefined {
  const hostDiffers = stripBrackets(via.host) !== source.remoteAddress;
  const wantsRport = via.rport === null;
  if (!hostDiffers && !wantsRport) return undefined;
  const params: Record<string, string | null> = { ...via.params };
  if (hostDiffers) params.received = source.remoteAddress;
  if (wantsRport) params.rport = String(source.remotePort);
  return params;
}

function stripBrackets(host: string): string {
  return host.startsWith('[') ? host.slice(1, -1) : host;
}

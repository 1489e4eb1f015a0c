import { emptyParams, formatParams, NO_PARAMS, parseParams, type SipParams } from './header-params.js';
import { isTokenChar, skipWhitespace, splitList } from './sip-lexical.js';
import { parseBoundedInteger } from './scalar-headers.js';
import { SipParseError } from './sip-parse-error.js';
import { isValidHost } from './sip-uri.js';

/**
 * One Via value (RFC 3261 20.42, 25.1):
 *   via-parm = sent-protocol LWS sent-by *( SEMI via-params )
 *   sent-protocol = protocol-name SLASH protocol-version SLASH transport
 * `transport` is upper-cased; `host` keeps IPv6 brackets; `rport` is `null` when present without a value
 * (RFC 3581 3, the client's request for it) and a number once a server has filled it in.
 */
export interface Via {
  readonly protocolName: string;
  readonly protocolVersion: string;
  readonly transport: string;
  readonly host: string;
  readonly port?: number;
  readonly params: Readonly<SipParams>;
  readonly branch?: string;
  readonly received?: string;
  readonly rport?: number | null;
  readonly maddr?: string;
  readonly ttl?: number;
}

function bad(text: string): SipParseError {
  return new SipParseError('Bad Via', text);
}

function readToken(text: string, at: number): number {
  let end = at;
  while (end < text.length && isTokenChar(text.charCodeAt(end))) end++;
  if (end === at) throw bad(text);
  return end;
}

function expectSlash(text: string, at: number): number {
  const i = skipWhitespace(text, at);
  if (text.charCodeAt(i) !== 0x2f) throw bad(text);
  return skipWhitespace(text, i + 1);
}

export function parseVia(text: string): Via {
  let i = skipWhitespace(text, 0);
  let end = readToken(text, i);
  const protocolName = text.slice(i, end);
  i = expectSlash(text, end);
  end = readToken(text, i);
  const protocolVersion = text.slice(i, end);
  i = expectSlash(text, end);
  end = readToken(text, i);
  const transport = text.slice(i, end).toUpperCase();
  i = skipWhitespace(text, end);
  if (i === end) throw bad(text);

  let hostEnd: number;
  if (text.charCodeAt(i) === 0x5b) {
    hostEnd = text.indexOf(']', i) + 1;
    if (hostEnd === 0) throw bad(text);
  } else {
    hostEnd = i;
    while (hostEnd < text.length && isHostnameChar(text.charCodeAt(hostEnd))) hostEnd++;
  }
  const host = text.slice(i, hostEnd);
  if (!isValidHost(host)) throw bad(text);
  i = skipWhitespace(text, hostEnd);
  let port: number | undefined;
  if (text.charCodeAt(i) === 0x3a) {
    i = skipWhitespace(text, i + 1);
    const portStart = i;
    while (i < text.length && text.charCodeAt(i) >= 0x30 && text.charCodeAt(i) <= 0x39) i++;
    if (i === portStart || i - portStart > 5) throw bad(text);
    port = parseBoundedInteger(text.slice(portStart, i), 65535);
    if (port === undefined) throw bad(text);
  }
  const params = i < text.length ? parseParams(text, i) : NO_PARAMS;
  return withWellKnownParams(protocolName, protocolVersion, transport, host, port, params, text);
}

function isHostnameChar(code: number): boolean {
  return (
    (code >= 0x30 && code <= 0x39) ||
    (code >= 0x41 && code <= 0x5a) ||
    (code >= 0x61 && code <= 0x7a) ||
    code === 0x2d ||
    code === 0x2e ||
    code === 0x5f
  );
}

/** RFC 3261 20.42 / RFC 3581: branch, received, rport, maddr and ttl read from the parameters and checked. */
function withWellKnownParams(
  protocolName: string,
  protocolVersion: string,
  transport: string,
  host: string,
  port: number | undefined,
  params: SipParams,
  text: string,
): Via {
  const { branch, received, rport, maddr, ttl } = params;
  if (branch === null || received === null || maddr === null || ttl === null) throw bad(text);
  let rportValue: number | null | undefined;
  if (rport !== undefined) {
    rportValue = rport === null ? null : parseBoundedInteger(rport, 65535);
    if (rportValue === undefined) throw bad(text);
  }
  let ttlValue: number | undefined;
  if (ttl !== undefined) {
    ttlValue = parseBoundedInteger(ttl, 255);
    if (ttlValue === undefined) throw bad(text);
  }
  return { protocolName, protocolVersion, transport, host, port, params, branch, received, rport: rportValue, maddr, ttl: ttlValue };
}

/** All Via values of one header field value (which may hold several, comma-separated). */
export function parseViaList(text: string): Via[] {
  return splitList(text).map((part) => {
    if (part.length === 0) throw new SipParseError('Bad Via', text);
    return parseVia(part);
  });
}

export interface ViaInit {
  readonly transport: string;
  readonly host: string;
  readonly port?: number;
  readonly branch?: string;
  /** `true` asks the server for the source port (RFC 3581); a number is a filled-in value. */
  readonly rport?: boolean | number;
  readonly received?: string;
  readonly params?: SipParams;
}

/** Builds a Via for a request sent over `transport` (protocol SIP/2.0). */
export function createVia(init: ViaInit): Via {
  const params = emptyParams();
  if (init.branch !== undefined) params.branch = init.branch;
  if (init.rport !== undefined && init.rport !== false) params.rport = init.rport === true ? null : String(init.rport);
  if (init.received !== undefined) params.received = init.received;
  if (init.params) for (const name in init.params) params[name] = init.params[name] ?? null;
  return withWellKnownParams('SIP', '2.0', init.transport.toUpperCase(), init.host, init.port, params, init.host);
}

export function formatVia(via: Via): string {
  const sentBy = via.port === undefined ? via.host : `${via.host}:${via.port}`;
  return `${via.protocolName}/${via.protocolVersion}/${via.transport} ${sentBy}${formatParams(via.params)}`;
}

import { emptyParams, formatParams, parseParams, type SipParams } from './header-params.js';
import { isTokenChar, skipWhitespace, splitList } from './sip-lexical.js';
import { SipParseError } from './sip-parse-error.js';

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

const HOST = /^(?:\[[0-9A-Fa-f:.]+\]|[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)*\.?)$/;

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
    while (hostEnd < text.length && /[A-Za-z0-9.-]/.test(text[hostEnd]!)) hostEnd++;
  }
  const host = text.slice(i, hostEnd);
  if (!HOST.test(host)) throw bad(text);
  i = skipWhitespace(text, hostEnd);
  let port: number | undefined;
  if (text.charCodeAt(i) === 0x3a) {
    i = skipWhitespace(text, i + 1);
    const portStart = i;
    while (i < text.length && text.charCodeAt(i) >= 0x30 && text.charCodeAt(i) <= 0x39) i++;
    if (i === portStart || i - portStart > 5) throw bad(text);
    port = Number(text.slice(portStart, i));
    if (port > 65535) throw bad(text);
  }
  const params = i < text.length ? parseParams(text, i) : emptyParams();
  return withWellKnownParams({ protocolName, protocolVersion, transport, host, port, params }, text);
}

function withWellKnownParams(
  base: Pick<Via, 'protocolName' | 'protocolVersion' | 'transport' | 'host' | 'port' | 'params'>,
  text: string,
): Via {
  const { params } = base;
  const via: { -readonly [K in keyof Via]: Via[K] } = { ...base };
  if (params.branch !== undefined) {
    if (params.branch === null) throw bad(text);
    via.branch = params.branch;
  }
  if (params.received !== undefined) {
    if (params.received === null) throw bad(text);
    via.received = params.received;
  }
  if (params.rport !== undefined) {
    if (params.rport !== null && !/^[0-9]{1,5}$/.test(params.rport)) throw bad(text);
    via.rport = params.rport === null ? null : Number(params.rport);
  }
  if (params.maddr !== undefined && params.maddr !== null) via.maddr = params.maddr;
  if (params.ttl !== undefined) {
    if (params.ttl === null || !/^[0-9]{1,3}$/.test(params.ttl) || Number(params.ttl) > 255) throw bad(text);
    via.ttl = Number(params.ttl);
  }
  return via;
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
  return withWellKnownParams(
    { protocolName: 'SIP', protocolVersion: '2.0', transport: init.transport.toUpperCase(), host: init.host, port: init.port, params },
    init.host,
  );
}

export function formatVia(via: Via): string {
  const sentBy = via.port === undefined ? via.host : `${via.host}:${via.port}`;
  return `${via.protocolName}/${via.protocolVersion}/${via.transport} ${sentBy}${formatParams(via.params)}`;
}

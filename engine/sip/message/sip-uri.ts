import { emptyParams, type SipParams } from './header-params.js';
import { unescapePercent } from './sip-lexical.js';
import { SipParseError } from './sip-parse-error.js';

/**
 * A SIP or SIPS URI (RFC 3261 19.1.1):
 *   sip:user:password@host:port;uri-parameters?headers
 * `user` and `password` are unescaped (RFC 3261 19.1.4 compares them unescaped); `host` is as written, IPv6
 * references keep their brackets; parameter names are lower-cased and values kept as written; header names and
 * values are kept as written (escaped), so an escaped `?Route=%3C...%3E` never turns into a real header.
 */
export interface SipUri {
  readonly scheme: 'sip' | 'sips';
  readonly user?: string;
  readonly password?: string;
  readonly host: string;
  readonly port?: number;
  readonly params: Readonly<SipParams>;
  readonly headers: Readonly<Record<string, string>>;
}

/** Any other absoluteURI (RFC 3261 25.1), e.g. tel:, http:, or an unknown scheme: only the scheme is interpreted. */
export interface OtherUri {
  readonly scheme: string;
  /** Everything after the first ':'. */
  readonly opaque: string;
}

export type Uri = SipUri | OtherUri;

export function isSipUri(uri: Uri): uri is SipUri {
  return uri.scheme === 'sip' || uri.scheme === 'sips';
}

const SCHEME = /^[A-Za-z][A-Za-z0-9+.-]*$/;
// user = 1*( unreserved / escaped / user-unreserved ); unreserved = alphanum / mark
const USER = /^(?:[A-Za-z0-9\-_.!~*'()&=+$,;?/]|%[0-9A-Fa-f]{2})+$/;
// password = *( unreserved / escaped / "&" / "=" / "+" / "$" / "," )
const PASSWORD = /^(?:[A-Za-z0-9\-_.!~*'()&=+$,]|%[0-9A-Fa-f]{2})*$/;
// hostname = *( domainlabel "." ) toplabel [ "." ]  /  IPv4address
const HOSTNAME = /^[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)*\.?$/;
const IPV6_REFERENCE = /^\[[0-9A-Fa-f:.]+\]$/;
// paramchar = param-unreserved / unreserved / escaped; param-unreserved = "[" / "]" / "/" / ":" / "&" / "+" / "$"
const PARAM_CHARS = /^(?:[A-Za-z0-9\-_.!~*'()[\]/:&+$]|%[0-9A-Fa-f]{2})+$/;
// hname / hvalue = *( hnv-unreserved / unreserved / escaped ); hnv-unreserved = "[" / "]" / "/" / "?" / ":" / "+" / "$"
const HEADER_CHARS = /^(?:[A-Za-z0-9\-_.!~*'()[\]/?:+$]|%[0-9A-Fa-f]{2})*$/;

function bad(text: string): SipParseError {
  return new SipParseError('Bad URI', text);
}

/** Parses a Request-URI or the URI of a name-addr / addr-spec. */
export function parseUri(text: string): Uri {
  const colon = text.indexOf(':');
  if (colon <= 0) throw bad(text);
  const scheme = text.slice(0, colon);
  if (!SCHEME.test(scheme)) throw bad(text);
  const lowerScheme = scheme.toLowerCase();
  if (lowerScheme === 'sip' || lowerScheme === 'sips') return parseSipUri(lowerScheme, text, colon + 1);
  const opaque = text.slice(colon + 1);
  // absoluteURI has no whitespace, quotes or angle brackets (RFC 3261 25.1 / RFC 2396 uric).
  if (opaque.length === 0 || /[\s"<>]/.test(opaque)) throw bad(text);
  return { scheme: lowerScheme, opaque };
}

function parseSipUri(scheme: 'sip' | 'sips', text: string, start: number): SipUri {
  if (/[\s"<>]/.test(text)) throw bad(text);
  let user: string | undefined;
  let password: string | undefined;
  const at = text.indexOf('@', start);
  let hostStart = start;
  if (at >= 0) {
    const userinfo = text.slice(start, at);
    const colon = userinfo.indexOf(':');
    const rawUser = colon < 0 ? userinfo : userinfo.slice(0, colon);
    if (!USER.test(rawUser)) throw bad(text);
    user = unescapePercent(rawUser);
    if (colon >= 0) {
      const rawPassword = userinfo.slice(colon + 1);
      if (!PASSWORD.test(rawPassword)) throw bad(text);
      password = unescapePercent(rawPassword);
    }
    hostStart = at + 1;
  }

  let end = hostStart;
  while (end < text.length && text.charCodeAt(end) !== 0x3b && text.charCodeAt(end) !== 0x3f) end++;
  const hostport = text.slice(hostStart, end);
  let host: string;
  let portText: string | undefined;
  if (hostport.charCodeAt(0) === 0x5b) {
    const close = hostport.indexOf(']');
    if (close < 0) throw bad(text);
    host = hostport.slice(0, close + 1);
    if (!IPV6_REFERENCE.test(host)) throw bad(text);
    const rest = hostport.slice(close + 1);
    if (rest.length > 0) {
      if (rest.charCodeAt(0) !== 0x3a) throw bad(text);
      portText = rest.slice(1);
    }
  } else {
    const colon = hostport.indexOf(':');
    host = colon < 0 ? hostport : hostport.slice(0, colon);
    if (colon >= 0) portText = hostport.slice(colon + 1);
    if (!HOSTNAME.test(host)) throw bad(text);
  }
  const port = portText === undefined ? undefined : parsePort(portText, text);

  const params = emptyParams();
  let i = end;
  while (i < text.length && text.charCodeAt(i) === 0x3b) {
    let next = i + 1;
    while (next < text.length && text.charCodeAt(next) !== 0x3b && text.charCodeAt(next) !== 0x3f) next++;
    const param = text.slice(i + 1, next);
    const eq = param.indexOf('=');
    const name = eq < 0 ? param : param.slice(0, eq);
    const value = eq < 0 ? null : param.slice(eq + 1);
    if (!PARAM_CHARS.test(name) || (value !== null && !PARAM_CHARS.test(value))) throw bad(text);
    params[name.toLowerCase()] = value;
    i = next;
  }

  const headers: Record<string, string> = Object.create(null) as Record<string, string>;
  if (i < text.length) {
    // i is at '?': headers = "?" header *( "&" header ); header = hname "=" hvalue
    for (const header of text.slice(i + 1).split('&')) {
      const eq = header.indexOf('=');
      if (eq <= 0) throw bad(text);
      const name = header.slice(0, eq);
      const value = header.slice(eq + 1);
      if (!HEADER_CHARS.test(name) || !HEADER_CHARS.test(value)) throw bad(text);
      headers[name] = value;
    }
  }
  return { scheme, user, password, host, port, params, headers };
}

function parsePort(text: string, uri: string): number {
  if (!/^[0-9]{1,5}$/.test(text)) throw bad(uri);
  const port = Number(text);
  if (port > 65535) throw bad(uri);
  return port;
}

// Characters that may appear unescaped in the user part (RFC 3261 25.1 unreserved / user-unreserved).
const USER_SAFE = /[A-Za-z0-9\-_.!~*'()&=+$,;?/]/;
const PASSWORD_SAFE = /[A-Za-z0-9\-_.!~*'()&=+$,]/;

function escapeWith(text: string, safe: RegExp): string {
  let out = '';
  for (const char of text) {
    if (safe.test(char)) out += char;
    else for (const byte of Buffer.from(char, 'utf8')) out += `%${byte.toString(16).toUpperCase().padStart(2, '0')}`;
  }
  return out;
}

export function formatUri(uri: Uri): string {
  if (!isSipUri(uri)) return `${uri.scheme}:${uri.opaque}`;
  let out = `${uri.scheme}:`;
  if (uri.user !== undefined) {
    out += escapeWith(uri.user, USER_SAFE);
    if (uri.password !== undefined) out += `:${escapeWith(uri.password, PASSWORD_SAFE)}`;
    out += '@';
  }
  out += uri.host;
  if (uri.port !== undefined) out += `:${uri.port}`;
  for (const name in uri.params) {
    const value = uri.params[name];
    out += value === null || value === undefined ? `;${name}` : `;${name}=${value}`;
  }
  let separator = '?';
  for (const name in uri.headers) {
    out += `${separator}${name}=${uri.headers[name]}`;
    separator = '&';
  }
  return out;
}

/** Builds a SIP URI from parts, with empty params and headers when not given. */
export function sipUri(parts: {
  scheme?: 'sip' | 'sips';
  user?: string;
  password?: string;
  host: string;
  port?: number;
  params?: SipParams;
  headers?: Record<string, string>;
}): SipUri {
  return {
    scheme: parts.scheme ?? 'sip',
    user: parts.user,
    password: parts.password,
    host: parts.host,
    port: parts.port,
    params: parts.params ?? emptyParams(),
    headers: parts.headers ?? (Object.create(null) as Record<string, string>),
  };
}

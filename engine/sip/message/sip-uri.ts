import { emptyParams, NO_PARAMS, type SipParams } from './header-params.js';
import { parseBoundedInteger } from './scalar-headers.js';
import { allIn, charTable, unescapePercent } from './sip-lexical.js';
import { SipParseError } from './sip-parse-error.js';

/**
 * A SIP or SIPS URI (RFC 3261 19.1.1):
 *   sip:user:password@host:port;uri-parameters?headers
 * `user` and `password` are unescaped (RFC 3261 19.1.4 compares them unescaped); `host` is as written, IPv6
 * references keep their brackets; parameter names are lower-cased and values kept as written; header names and
 * values are kept as written (escaped), so an escaped `?Route=%3C...%3E` never turns into a real header. A header
 * name may repeat (`?a=1&a=2`), so each maps to its values in order.
 */
export interface SipUri {
  readonly scheme: 'sip' | 'sips';
  readonly user?: string;
  readonly password?: string;
  readonly host: string;
  readonly port?: number;
  readonly params: Readonly<SipParams>;
  readonly headers: Readonly<Record<string, readonly string[]>>;
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

// RFC 3261 25.1 character classes. unreserved = alphanum / mark; mark = "-" / "_" / "." / "!" / "~" / "*" / "'" / "(" / ")"
const MARK = "-_.!~*'()";
/** user = 1*( unreserved / escaped / user-unreserved ); user-unreserved = "&" / "=" / "+" / "$" / "," / ";" / "?" / "/" */
const USER = charTable(`${MARK}&=+$,;?/`);
/** password = *( unreserved / escaped / "&" / "=" / "+" / "$" / "," ) */
const PASSWORD = charTable(`${MARK}&=+$,`);
/** paramchar = param-unreserved / unreserved / escaped; param-unreserved = "[" / "]" / "/" / ":" / "&" / "+" / "$" */
const PARAM = charTable(`${MARK}[]/:&+$`);
/** hname / hvalue: hnv-unreserved / unreserved / escaped; hnv-unreserved = "[" / "]" / "/" / "?" / ":" / "+" / "$" */
const HEADER = charTable(`${MARK}[]/?:+$`);
/** scheme = ALPHA *( ALPHA / DIGIT / "+" / "-" / "." ) */
const SCHEME = charTable('+-.');
/**
 * hostname characters (alphanum, "-", "."), plus "_": not in RFC 3261's grammar, but sent by deployed equipment
 * (DNS names are not limited to it), and refusing it would fail calls that every common stack accepts.
 */
const HOSTNAME = charTable('-._');
const IPV6 = charTable(':.', false);
for (const c of '0123456789abcdefABCDEF') IPV6[c.charCodeAt(0)] = 1;
/** Anything an absoluteURI cannot hold unescaped: whitespace, DQUOTE, "<", ">". */
const NOT_IN_URI = /[\s"<>]/;

const NO_HEADERS: Readonly<Record<string, readonly string[]>> = NO_PARAMS as unknown as Record<string, readonly string[]>;

function bad(text: string): SipParseError {
  return new SipParseError('Bad URI', text);
}

/** Parses a Request-URI or the URI of a name-addr / addr-spec. */
export function parseUri(text: string): Uri {
  const colon = text.indexOf(':');
  if (colon <= 0 || !isAlpha(text.charCodeAt(0)) || !allIn(SCHEME, text, 0, colon, false)) throw bad(text);
  if (colon === 3 || colon === 4) {
    const scheme = text.slice(0, colon).toLowerCase();
    if (scheme === 'sip' || scheme === 'sips') return parseSipUri(scheme, text, colon + 1);
  }
  const opaque = text.slice(colon + 1);
  if (opaque.length === 0 || NOT_IN_URI.test(opaque)) throw bad(text);
  return { scheme: text.slice(0, colon).toLowerCase(), opaque };
}

function isAlpha(code: number): boolean {
  return (code >= 0x41 && code <= 0x5a) || (code >= 0x61 && code <= 0x7a);
}

/** The index of the first ';' or '?' at or after `from`, or the end. */
function endOfHostport(text: string, from: number): number {
  for (let i = from; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code === 0x3b || code === 0x3f) return i;
  }
  return text.length;
}

/** Validates the host of a SIP URI or Via: hostname / IPv4address / IPv6reference (RFC 3261 25.1). */
export function isValidHost(host: string): boolean {
  if (host.length === 0) return false;
  if (host.charCodeAt(0) === 0x5b) {
    return host.length > 2 && host.charCodeAt(host.length - 1) === 0x5d && allIn(IPV6, host, 1, host.length - 1, false);
  }
  if (!allIn(HOSTNAME, host, 0, host.length, false)) return false;
  // Labels neither empty nor starting or ending with '-' (a trailing '.' is allowed).
  let labelStart = 0;
  for (let i = 0; i <= host.length; i++) {
    if (i < host.length && host.charCodeAt(i) !== 0x2e) continue;
    if (i === labelStart) return i === host.length && i > 0;
    if (host.charCodeAt(labelStart) === 0x2d || host.charCodeAt(i - 1) === 0x2d) return false;
    labelStart = i + 1;
  }
  return true;
}

function parseSipUri(scheme: 'sip' | 'sips', text: string, start: number): SipUri {
  let user: string | undefined;
  let password: string | undefined;
  const at = text.indexOf('@', start);
  let hostStart = start;
  if (at >= 0) {
    let colon = text.indexOf(':', start);
    if (colon > at) colon = -1;
    const userEnd = colon < 0 ? at : colon;
    if (userEnd === start || !allIn(USER, text, start, userEnd, true)) throw bad(text);
    user = unescapePercent(text.slice(start, userEnd));
    if (colon >= 0) {
      if (!allIn(PASSWORD, text, colon + 1, at, true)) throw bad(text);
      password = unescapePercent(text.slice(colon + 1, at));
    }
    hostStart = at + 1;
  }

  const end = endOfHostport(text, hostStart);
  let hostEnd = end;
  let port: number | undefined;
  if (text.charCodeAt(hostStart) === 0x5b) {
    hostEnd = text.indexOf(']', hostStart) + 1;
    if (hostEnd === 0 || hostEnd > end) throw bad(text);
  } else {
    const colon = text.indexOf(':', hostStart);
    if (colon >= 0 && colon < end) hostEnd = colon;
  }
  const host = text.slice(hostStart, hostEnd);
  if (!isValidHost(host)) throw bad(text);
  if (hostEnd < end) {
    if (text.charCodeAt(hostEnd) !== 0x3a) throw bad(text);
    port = parsePort(text.slice(hostEnd + 1, end), text);
  }

  let params: SipParams | undefined;
  let i = end;
  while (i < text.length && text.charCodeAt(i) === 0x3b) {
    const next = endOfHostport(text, i + 1);
    let eq = text.indexOf('=', i + 1);
    if (eq > next) eq = -1;
    const nameEnd = eq < 0 ? next : eq;
    if (nameEnd === i + 1 || !allIn(PARAM, text, i + 1, nameEnd, true)) throw bad(text);
    if (eq >= 0 && (eq + 1 === next || !allIn(PARAM, text, eq + 1, next, true))) throw bad(text);
    params ??= emptyParams();
    params[text.slice(i + 1, nameEnd).toLowerCase()] = eq < 0 ? null : text.slice(eq + 1, next);
    i = next;
  }

  let headers = NO_HEADERS;
  if (i < text.length) {
    const parsed = emptyParams() as unknown as Record<string, string[]>;
    // i is at '?': headers = "?" header *( "&" header ); header = hname "=" hvalue
    for (const header of text.slice(i + 1).split('&')) {
      const eq = header.indexOf('=');
      if (eq <= 0 || !allIn(HEADER, header, 0, eq, true) || !allIn(HEADER, header, eq + 1, header.length, true)) {
        throw bad(text);
      }
      (parsed[header.slice(0, eq)] ??= []).push(header.slice(eq + 1));
    }
    headers = parsed;
  }
  return { scheme, user, password, host, port, params: params ?? NO_PARAMS, headers };
}

function parsePort(text: string, uri: string): number {
  const port = text.length <= 5 ? parseBoundedInteger(text, 65535) : undefined;
  if (port === undefined) throw bad(uri);
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
    for (const value of uri.headers[name]!) {
      out += `${separator}${name}=${value}`;
      separator = '&';
    }
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
  headers?: Record<string, readonly string[]>;
}): SipUri {
  return {
    scheme: parts.scheme ?? 'sip',
    user: parts.user,
    password: parts.password,
    host: parts.host,
    port: parts.port,
    params: parts.params ?? emptyParams(),
    headers: parts.headers ?? (emptyParams() as unknown as Record<string, string[]>),
  };
}

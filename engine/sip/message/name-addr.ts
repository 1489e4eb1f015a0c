import { formatParams, NO_PARAMS, parseParams, type SipParams } from './header-params.js';
import { isTokenChar, isToken, quote, readQuotedString, skipWhitespace, splitList } from './sip-lexical.js';
import { SipParseError } from './sip-parse-error.js';
import { formatUri, parseUri, type Uri } from './sip-uri.js';

/**
 * The value of From, To, Contact, Route, Record-Route, Refer-To ... (RFC 3261 20.10, 25.1):
 *   ( name-addr / addr-spec ) *( SEMI param )
 *   name-addr = [ display-name ] LAQUOT addr-spec RAQUOT
 * `displayName` is unquoted and unescaped; `tag` is the `tag` parameter (From/To).
 */
export interface NameAddr {
  readonly displayName?: string;
  readonly uri: Uri;
  readonly params: Readonly<SipParams>;
  readonly tag?: string;
}

function bad(text: string): SipParseError {
  return new SipParseError('Bad name-addr', text);
}

// display-name = *(token LWS) / quoted-string. UTF-8 is tolerated in an unquoted name because it is common in the
// wild; separators such as ',' are not (RFC 4475 3.1.2.15).
function isUnquotedNameChar(code: number): boolean {
  return isTokenChar(code) || code === 0x20 || code === 0x09 || code >= 0x80;
}

export function parseNameAddr(text: string): NameAddr {
  let i = skipWhitespace(text, 0);
  let displayName: string | undefined;
  let uriText: string;
  let paramsStart: number;

  let quotedName = false;
  if (text.charCodeAt(i) === 0x22) {
    quotedName = true;
    const quoted = readQuotedString(text, i);
    // An empty quoted name ("" <sip:...>) says no more than no name at all.
    if (quoted.value.length > 0) displayName = quoted.value;
    i = skipWhitespace(text, quoted.end);
    if (text.charCodeAt(i) !== 0x3c) throw bad(text);
  }
  const open = text.indexOf('<', i);
  if (open >= 0) {
    if (!quotedName) {
      for (let j = i; j < open; j++) if (!isUnquotedNameChar(text.charCodeAt(j))) throw bad(text);
      const name = text.slice(i, open).trim();
      if (name.length > 0) displayName = name;
    }
    const close = text.indexOf('>', open + 1);
    if (close < 0) throw bad(text);
    uriText = text.slice(open + 1, close);
    paramsStart = close + 1;
  } else {
    if (quotedName) throw bad(text);
    // RFC 3261 20.10: without <>, the URI ends at the first ';' (the rest are header parameters), and a URI holding
    // ',', '?' or ';' must be enclosed in <>.
    const semi = text.indexOf(';', i);
    const end = semi < 0 ? text.length : semi;
    uriText = text.slice(i, end).trimEnd();
    if (uriText.length === 0 || uriText.includes('?') || uriText.includes(',')) throw bad(text);
    paramsStart = end;
  }

  const uri = parseUri(uriText);
  const params = paramsStart < text.length ? parseParams(text, paramsStart) : NO_PARAMS;
  const tag = params.tag;
  if (tag === null || (tag !== undefined && !isToken(tag))) throw new SipParseError('Bad tag', text);
  return { displayName, uri, params, tag };
}

/** A comma-separated list of name-addr / addr-spec values (Contact, Route, Record-Route, ...). */
export function parseNameAddrList(text: string): NameAddr[] {
  return splitList(text).map((part) => {
    if (part.length === 0) throw new SipParseError('Empty list element', text);
    return parseNameAddr(part);
  });
}

/** What {@link formatNameAddr} needs: a parsed {@link NameAddr} fits, or parts built by hand. */
export interface NameAddrInit {
  readonly displayName?: string;
  readonly uri: Uri | string;
  readonly params?: Readonly<SipParams>;
  readonly tag?: string;
}

/** Always serialized in the name-addr form, so URI parameters and header parameters can never be confused. */
export function formatNameAddr(value: NameAddrInit): string {
  let out = '';
  if (value.displayName !== undefined && value.displayName.length > 0) out += `${quote(value.displayName)} `;
  out += `<${typeof value.uri === 'string' ? value.uri : formatUri(value.uri)}>`;
  if (value.params) {
    if (value.tag !== undefined && value.params.tag === undefined) out += `;tag=${value.tag}`;
    out += formatParams(value.params);
  } else if (value.tag !== undefined) out += `;tag=${value.tag}`;
  return out;
}

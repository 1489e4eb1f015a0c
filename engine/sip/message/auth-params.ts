import { isTokenChar, readQuotedString, skipWhitespace } from './sip-lexical.js';
import { SipParseError } from './sip-parse-error.js';

/**
 * A WWW-Authenticate / Proxy-Authenticate challenge or an Authorization / Proxy-Authorization credential
 * (RFC 3261 25.1, RFC 7616 3.3/3.4):  auth-scheme LWS auth-param *( COMMA auth-param ).
 * Parameter names are lower-cased; quoted values are unquoted (their quoting is recorded in `quoted`).
 */
export interface AuthHeaderValue {
  readonly scheme: string;
  readonly params: Readonly<Record<string, string>>;
  readonly quoted: ReadonlySet<string>;
  /** RFC 7235 2.1: a scheme may carry one token68 instead of parameters (e.g. `Basic dTpw`). */
  readonly token68?: string;
}

const TOKEN68 = /^[A-Za-z0-9\-._~+/]+=*$/;

export function parseAuthHeader(text: string, header = 'Authorization'): AuthHeaderValue {
  const bad = () => new SipParseError(`Bad ${header}`, text);
  let i = skipWhitespace(text, 0);
  const schemeStart = i;
  while (i < text.length && isTokenChar(text.charCodeAt(i))) i++;
  if (i === schemeStart) throw bad();
  const scheme = text.slice(schemeStart, i);
  const params: Record<string, string> = Object.create(null) as Record<string, string>;
  const quoted = new Set<string>();
  i = skipWhitespace(text, i);
  const rest = text.slice(i).trimEnd();
  if (TOKEN68.test(rest) && !/^[^=]*=[^=]/.test(rest)) return { scheme, params, quoted, token68: rest };
  while (i < text.length) {
    const nameStart = i;
    while (i < text.length && isTokenChar(text.charCodeAt(i))) i++;
    if (i === nameStart) throw bad();
    const name = text.slice(nameStart, i).toLowerCase();
    i = skipWhitespace(text, i);
    if (text.charCodeAt(i) !== 0x3d) throw bad();
    i = skipWhitespace(text, i + 1);
    if (text.charCodeAt(i) === 0x22) {
      const value = readQuotedString(text, i);
      params[name] = value.value;
      quoted.add(name);
      i = value.end;
    } else {
      const valueStart = i;
      while (i < text.length && text.charCodeAt(i) !== 0x2c && !/\s/.test(text[i]!)) i++;
      if (i === valueStart) throw bad();
      params[name] = text.slice(valueStart, i);
    }
    i = skipWhitespace(text, i);
    if (i < text.length) {
      if (text.charCodeAt(i) !== 0x2c) throw bad();
      i = skipWhitespace(text, i + 1);
    }
  }
  return { scheme, params, quoted };
}

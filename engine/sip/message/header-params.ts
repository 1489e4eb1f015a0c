import { isTokenChar, isWhitespace, skipQuotedString, skipWhitespace } from './sip-lexical.js';
import { SipParseError } from './sip-parse-error.js';

/**
 * Parameters as `name -> value`: names lower-cased (RFC 3261 7.3.1: parameter names are case-insensitive), values as
 * written (a quoted value keeps its quotes, escapes are not decoded), `null` for a parameter without a value.
 */
export type SipParams = Record<string, string | null>;

// Parameter bags have no Object.prototype, so a parameter named "constructor" or "__proto__" is just a parameter;
// built by a constructor rather than Object.create(null) so V8 keeps them in fast (non-dictionary) mode.
const ParamBag = function ParamBag() {} as unknown as new () => SipParams;
ParamBag.prototype = Object.create(null) as object;

export function emptyParams(): SipParams {
  return new ParamBag();
}

/** The shared, frozen bag for a value without parameters: parsing allocates nothing for it. */
export const NO_PARAMS: Readonly<SipParams> = Object.freeze(new ParamBag());

/**
 * Parses `*( SEMI generic-param )` starting at `at` (which is a ';' or the end) until the end of `text`.
 * RFC 3261 25.1: generic-param = token [ EQUAL gen-value ]; gen-value = token / host / quoted-string;
 * SEMI and EQUAL allow surrounding whitespace. An empty parameter (";;") is malformed (RFC 4475 3.1.2.1).
 */
export function parseParams(text: string, at: number, into: SipParams = emptyParams()): SipParams {
  let i = skipWhitespace(text, at);
  while (i < text.length) {
    if (text.charCodeAt(i) !== 0x3b) throw new SipParseError('Bad parameter', text);
    i = skipWhitespace(text, i + 1);
    const nameStart = i;
    while (i < text.length && isTokenChar(text.charCodeAt(i))) i++;
    if (i === nameStart) throw new SipParseError('Bad parameter', text);
    const name = text.slice(nameStart, i).toLowerCase();
    i = skipWhitespace(text, i);
    let value: string | null = null;
    if (i < text.length && text.charCodeAt(i) === 0x3d) {
      i = skipWhitespace(text, i + 1);
      const valueStart = i;
      if (text.charCodeAt(i) === 0x22) {
        i = skipQuotedString(text, i);
        if (i < 0) throw new SipParseError('Unterminated quoted string', text);
      } else {
        // token / host: host adds ':' '[' ']' for IPv6 references.
        while (i < text.length) {
          const code = text.charCodeAt(i);
          if (!isTokenChar(code) && code !== 0x3a && code !== 0x5b && code !== 0x5d) break;
          i++;
        }
      }
      if (i === valueStart) throw new SipParseError('Bad parameter', text);
      value = text.slice(valueStart, i);
      i = skipWhitespace(text, i);
    }
    into[name] = value;
    if (i < text.length && !isWhitespace(text.charCodeAt(i)) && text.charCodeAt(i) !== 0x3b) {
      throw new SipParseError('Bad parameter', text);
    }
  }
  return into;
}

export function formatParams(params: SipParams): string {
  let out = '';
  for (const name in params) {
    const value = params[name];
    out += value === null || value === undefined ? `;${name}` : `;${name}=${value}`;
  }
  return out;
}

/** The value of a parameter without its surrounding quotes, if it was quoted. */
export function unquoteParam(value: string | null | undefined): string | undefined {
  if (value === null || value === undefined) return undefined;
  if (value.length >= 2 && value.charCodeAt(0) === 0x22 && value.charCodeAt(value.length - 1) === 0x22) {
    return value.slice(1, -1).replace(/\\(.)/g, '$1');
  }
  return value;
}

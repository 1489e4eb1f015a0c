import { isToken, isWhitespace } from './sip-lexical.js';
import { SipParseError } from './sip-parse-error.js';

/*
 * Numeric and single-token header values. Integers are checked by digit count before conversion, so values beyond
 * 2^32 or 2^53 (RFC 4475 3.1.2.4, 3.1.2.19) are refused instead of silently losing precision.
 */

const UINT32_MAX = 4294967295;

/** Parses 1*DIGIT (leading zeros allowed) no larger than `max`; returns undefined when it is not such a number. */
export function parseBoundedInteger(text: string, max: number): number | undefined {
  if (text.length === 0) return undefined;
  let start = 0;
  while (start < text.length - 1 && text.charCodeAt(start) === 0x30) start++;
  if (text.length - start > 10) return undefined;
  for (let i = start; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 0x30 || code > 0x39) return undefined;
  }
  const value = Number(text.slice(start));
  return value <= max ? value : undefined;
}

export interface CSeq {
  readonly seq: number;
  readonly method: string;
}

/** RFC 3261 20.16: CSeq = 1*DIGIT LWS Method; 8.1.1.5: the number MUST be expressible as a 32-bit unsigned integer. */
export function parseCSeq(text: string): CSeq {
  const value = text.trim();
  let split = 0;
  while (split < value.length && !isWhitespace(value.charCodeAt(split))) split++;
  const seq = parseBoundedInteger(value.slice(0, split), UINT32_MAX);
  const method = value.slice(split).trim();
  if (seq === undefined || !isToken(method)) throw new SipParseError('Bad CSeq', text);
  return { seq, method };
}

/** RFC 3261 20.22: Max-Forwards = 1*DIGIT; 8.1.1.6 bounds it to 0..255. */
export function parseMaxForwards(text: string): number {
  const value = parseBoundedInteger(text.trim(), 255);
  if (value === undefined) throw new SipParseError('Bad Max-Forwards', text);
  return value;
}

/** RFC 3261 20.14: Content-Length = 1*DIGIT. */
export function parseContentLength(text: string): number {
  const value = parseBoundedInteger(text.trim(), UINT32_MAX);
  if (value === undefined) throw new SipParseError('Bad Content-Length', text);
  return value;
}

/** RFC 3261 20.19 / 25.1: delta-seconds = 1*DIGIT, a 32-bit value. */
export function parseDeltaSeconds(text: string, header = 'Expires'): number {
  const value = parseBoundedInteger(text.trim(), UINT32_MAX);
  if (value === undefined) throw new SipParseError(`Bad ${header}`, text);
  return value;
}

/**
 * RFC 3261 25.1: callid = word [ "@" word ]; word = 1*(alphanum / "-" / "." / "!" / "%" / "*" / "_" / "+" / "`" /
 * "'" / "~" / "(" / ")" / "<" / ">" / ":" / "\" / DQUOTE / "/" / "[" / "]" / "?" / "{" / "}").
 */
const WORD = /^[A-Za-z0-9\-.!%*_+`'~()<>:\\"/[\]?{}]+$/;

export function parseCallId(text: string): string {
  const value = text.trim();
  const at = value.indexOf('@');
  const valid =
    at < 0 ? WORD.test(value) : WORD.test(value.slice(0, at)) && WORD.test(value.slice(at + 1));
  if (!valid) {
    throw new SipParseError('Bad Call-ID', text);
  }
  return value;
}

/** A comma-separated list of tokens (Require, Supported, Proxy-Require, Unsupported, Allow). */
export function parseTokenList(values: readonly string[], header: string): string[] {
  const tokens: string[] = [];
  for (const value of values) {
    for (const part of value.split(',')) {
      const token = part.trim();
      if (token.length === 0) continue;
      if (!isToken(token)) throw new SipParseError(`Bad ${header}`, value);
      tokens.push(token);
    }
  }
  return tokens;
}

export interface MediaType {
  /** `type/subtype`, lower-cased. */
  readonly mediaType: string;
  readonly type: string;
  readonly subtype: string;
  /** Parameters as written after the first ';', e.g. `boundary=...`. */
  readonly paramsText: string;
}

/** RFC 3261 20.15: Content-Type = media-type = m-type SLASH m-subtype *( SEMI m-parameter ). */
export function parseMediaType(text: string, header = 'Content-Type'): MediaType {
  const semi = text.indexOf(';');
  const head = (semi < 0 ? text : text.slice(0, semi)).trim();
  const slash = head.indexOf('/');
  const type = head.slice(0, slash).trim().toLowerCase();
  const subtype = head.slice(slash + 1).trim().toLowerCase();
  if (slash < 0 || !isToken(type) || !isToken(subtype)) throw new SipParseError(`Bad ${header}`, text);
  return { mediaType: `${type}/${subtype}`, type, subtype, paramsText: semi < 0 ? '' : text.slice(semi + 1).trim() };
}

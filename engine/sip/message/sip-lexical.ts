import { SipParseError } from './sip-parse-error.js';

/*
 * RFC 3261 25.1 basic rules shared by every header value parser: token, quoted-string, LWS, and splitting a
 * comma-separated list without breaking quoted strings or <...> URIs.
 */

/** A lookup table for a set of ASCII characters; `alphanum` adds letters and digits. */
export function charTable(chars: string, alphanum = true): Uint8Array {
  const table = new Uint8Array(128);
  const all = (alphanum ? 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789' : '') + chars;
  for (let i = 0; i < all.length; i++) table[all.charCodeAt(i)] = 1;
  return table;
}

/**
 * True when text[start, end) holds only characters of `table` and, if `escapes`, %HH escapes (RFC 3261 25.1
 * escaped = "%" HEXDIG HEXDIG). Empty ranges are accepted.
 */
export function allIn(table: Uint8Array, text: string, start: number, end: number, escapes: boolean): boolean {
  for (let i = start; i < end; i++) {
    const code = text.charCodeAt(i);
    if (code < 128 && table[code] === 1) continue;
    if (escapes && code === 0x25 && i + 2 < end && isHex(text.charCodeAt(i + 1)) && isHex(text.charCodeAt(i + 2))) {
      i += 2;
      continue;
    }
    return false;
  }
  return true;
}

function isHex(code: number): boolean {
  return (code >= 0x30 && code <= 0x39) || (code >= 0x41 && code <= 0x46) || (code >= 0x61 && code <= 0x66);
}

// token = 1*(alphanum / "-" / "." / "!" / "%" / "*" / "_" / "+" / "`" / "'" / "~")
const TOKEN_CHARS = new Uint8Array(128);
for (const c of 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-.!%*_+`\'~') TOKEN_CHARS[c.charCodeAt(0)] = 1;

export function isTokenChar(code: number): boolean {
  return code < 128 && TOKEN_CHARS[code] === 1;
}

export function isToken(text: string): boolean {
  if (text.length === 0) return false;
  for (let i = 0; i < text.length; i++) if (!isTokenChar(text.charCodeAt(i))) return false;
  return true;
}

export function isWhitespace(code: number): boolean {
  return code === 0x20 || code === 0x09 || code === 0x0d || code === 0x0a;
}

export function skipWhitespace(text: string, at: number): number {
  while (at < text.length && isWhitespace(text.charCodeAt(at))) at++;
  return at;
}

/** Index just past the token starting at `at` (== at when there is none). */
export function scanToken(text: string, at: number): number {
  while (at < text.length && isTokenChar(text.charCodeAt(at))) at++;
  return at;
}

/**
 * Reads the quoted-string whose opening DQUOTE is at `at`. RFC 3261 25.1: quoted-pair = "\" (%x00-09 / %x0B-0C /
 * %x0E-7F), so a backslash escapes exactly one following character. Returns the unescaped content and the index past
 * the closing DQUOTE.
 */
export function readQuotedString(text: string, at: number): { value: string; end: number } {
  let value = '';
  let runStart = at + 1;
  for (let i = at + 1; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code === 0x5c) {
      if (i + 1 >= text.length) break;
      value += text.slice(runStart, i) + text[i + 1];
      i++;
      runStart = i + 1;
    } else if (code === 0x22) {
      return { value: value + text.slice(runStart, i), end: i + 1 };
    }
  }
  throw new SipParseError('Unterminated quoted string', text);
}

/** Index past the closing DQUOTE of the quoted-string opening at `at`, or -1 when it is unterminated. */
export function skipQuotedString(text: string, at: number): number {
  for (let i = at + 1; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code === 0x5c) i++;
    else if (code === 0x22) return i + 1;
  }
  return -1;
}

/** Quotes a string for a header value, escaping DQUOTE and backslash (RFC 3261 25.1 quoted-pair). */
export function quote(value: string): string {
  return `"${value.replace(/["\\]/g, (c) => `\\${c}`)}"`;
}

/**
 * Splits a header value at top-level commas (RFC 3261 7.3.1: a list header's values may be combined with commas).
 * Commas inside quoted strings and inside <...> are part of a value. Empty elements are kept so that callers can
 * reject them (RFC 4475 3.1.2.1 "Extraneous Header Field Separators").
 */
export function splitList(value: string): string[] {
  const parts: string[] = [];
  let start = 0;
  let inAngle = false;
  for (let i = 0; i < value.length; i++) {
    const code = value.charCodeAt(i);
    if (code === 0x22) {
      const end = skipQuotedString(value, i);
      if (end < 0) throw new SipParseError('Unterminated quoted string', value);
      i = end - 1;
    } else if (code === 0x3c) inAngle = true;
    else if (code === 0x3e) inAngle = false;
    else if (code === 0x2c && !inAngle) {
      parts.push(value.slice(start, i).trim());
      start = i + 1;
    }
  }
  parts.push(value.slice(start).trim());
  return parts;
}

/**
 * Decodes %HH escapes once (RFC 3261 19.1.2; never recursively: "%25%34%31" becomes "%41"). A run of escapes that
 * forms valid UTF-8 decodes as UTF-8; otherwise each escaped octet becomes the character with that code.
 */
export function unescapePercent(text: string): string {
  if (text.indexOf('%') < 0) return text;
  return text.replace(/(?:%[0-9a-fA-F]{2})+/g, (run) => {
    try {
      return decodeURIComponent(run);
    } catch {
      return run.replace(/%([0-9a-fA-F]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
    }
  });
}

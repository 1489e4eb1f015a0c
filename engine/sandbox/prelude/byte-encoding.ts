/**
 * VoxEngine's byte helpers: `base64_encode`, `base64_decode` (RFC 4648 section 4 alphabet), `str2bytes`,
 * `bytes2str`, `bytes2hex`, `hex2bytes`. Strings are UTF-8, the only encoding supported.
 */
import { ArgumentError } from './argument-error.js';

const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

function requireBytes(method: string, data: unknown): number[] {
  if (!Array.isArray(data) || !data.every((b) => Number.isInteger(b) && b >= 0 && b <= 255)) {
    throw new ArgumentError(method, 'data must be an array of integers from 0 to 255');
  }
  return data as number[];
}

function requireUtf8(method: string, encoding: unknown): void {
  if (encoding !== undefined && !/^utf-?8$/i.test(String(encoding))) throw new ArgumentError(method, 'encoding must be utf-8');
}

export function str2bytes(data: string, encoding?: string): number[] {
  requireUtf8('str2bytes', encoding);
  if (typeof data !== 'string') throw new ArgumentError('str2bytes', 'data must be a string');
  const bytes: number[] = [];
  for (const char of data) {
    const cp = char.codePointAt(0)!;
    if (cp < 0x80) bytes.push(cp);
    else if (cp < 0x800) bytes.push(0xc0 | (cp >> 6), 0x80 | (cp & 63));
    else if (cp < 0x10000) bytes.push(0xe0 | (cp >> 12), 0x80 | ((cp >> 6) & 63), 0x80 | (cp & 63));
    else bytes.push(0xf0 | (cp >> 18), 0x80 | ((cp >> 12) & 63), 0x80 | ((cp >> 6) & 63), 0x80 | (cp & 63));
  }
  return bytes;
}

/** Malformed sequences decode to U+FFFD, as a lenient UTF-8 decoder does. */
export function bytes2str(data: number[], encoding?: string): string {
  requireUtf8('bytes2str', encoding);
  const bytes = requireBytes('bytes2str', data);
  let out = '';
  for (let i = 0; i < bytes.length; ) {
    const b = bytes[i]!;
    const extra = b < 0x80 ? 0 : b >= 0xf8 ? -1 : b >= 0xf0 ? 3 : b >= 0xe0 ? 2 : b >= 0xc0 ? 1 : -1;
    if (extra < 0) {
      out += '\ufffd';
      i++;
      continue;
    }
    let cp = extra === 0 ? b : b & (0x3f >> extra);
    let valid = true;
    for (let k = 1; k <= extra; k++) {
      const next = bytes[i + k];
      if (next === undefined || (next & 0xc0) !== 0x80) {
        valid = false;
        break;
      }
      cp = (cp << 6) | (next & 63);
    }
    if (!valid || cp > 0x10ffff) {
      out += '\ufffd';
      i++;
      continue;
    }
    out += String.fromCodePoint(cp);
    i += extra + 1;
  }
  return out;
}

export function base64_encode(data: string | number[]): string {
  const bytes = typeof data === 'string' ? str2bytes(data) : requireBytes('base64_encode', data);
  let out = '';
  for (let i = 0; i < bytes.length; i += 3) {
    const n = (bytes[i]! << 16) | ((bytes[i + 1] ?? 0) << 8) | (bytes[i + 2] ?? 0);
    out += alphabet[(n >> 18) & 63]! + alphabet[(n >> 12) & 63]!;
    out += i + 1 < bytes.length ? alphabet[(n >> 6) & 63]! : '=';
    out += i + 2 < bytes.length ? alphabet[n & 63]! : '=';
  }
  return out;
}

export function base64_decode(data: string): number[] {
  if (typeof data !== 'string') throw new ArgumentError('base64_decode', 'data must be a string');
  const clean = data.replace(/[\s=]/g, '').replace(/-/g, '+').replace(/_/g, '/');
  const bytes: number[] = [];
  let buffer = 0;
  let bits = 0;
  for (const char of clean) {
    const value = alphabet.indexOf(char);
    if (value < 0) throw new ArgumentError('base64_decode', `data is not base64 (unexpected ${JSON.stringify(char)})`);
    buffer = (buffer << 6) | value;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      bytes.push((buffer >> bits) & 0xff);
    }
  }
  return bytes;
}

export function bytes2hex(data: number[], toUpperCase?: boolean): string {
  const hex = requireBytes('bytes2hex', data).map((b) => b.toString(16).padStart(2, '0')).join('');
  return toUpperCase === true ? hex.toUpperCase() : hex;
}

export function hex2bytes(data: string): number[] {
  if (typeof data !== 'string' || !/^(?:[0-9a-fA-F]{2})*$/.test(data)) {
    throw new ArgumentError('hex2bytes', 'data must be a string of hex digit pairs');
  }
  const bytes: number[] = [];
  for (let i = 0; i < data.length; i += 2) bytes.push(parseInt(data.slice(i, i + 2), 16));
  return bytes;
}

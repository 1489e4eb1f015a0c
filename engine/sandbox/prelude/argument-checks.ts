/**
 * Synchronous validation of scenario arguments, and their conversion to the plain data that may cross the bridge.
 * Every check throws an {@link ArgumentError} naming the method and the argument.
 */
import type { Data } from '../../session/scenario-protocol.js';
import { ArgumentError } from './argument-error.js';
import { Voice } from './constants/voice.js';

export type Headers = Record<string, string>;

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return false;
  const proto = Object.getPrototypeOf(value) as unknown;
  return proto === Object.prototype || proto === null;
}

export function requireString(method: string, name: string, value: unknown): string {
  if (typeof value !== 'string') throw new ArgumentError(method, `${name} must be a string`);
  return value;
}

export function optionalString(method: string, name: string, value: unknown): string | undefined {
  return value === undefined ? undefined : requireString(method, name, value);
}

export function requireBoolean(method: string, name: string, value: unknown): boolean {
  if (typeof value !== 'boolean') throw new ArgumentError(method, `${name} must be a boolean`);
  return value;
}

export function requireInteger(method: string, name: string, value: unknown, min: number, max: number): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    throw new ArgumentError(method, `${name} must be an integer from ${min} to ${max}`);
  }
  return value;
}

export function requireFunction<F extends (...args: never[]) => unknown>(method: string, name: string, value: unknown): F {
  if (typeof value !== 'function') throw new ArgumentError(method, `${name} must be a function`);
  return value as F;
}

export function optionalFunction<F extends (...args: never[]) => unknown>(
  method: string,
  name: string,
  value: unknown,
): F | undefined {
  return value === undefined || value === null ? undefined : requireFunction<F>(method, name, value);
}

/** SIP header maps (`extraHeaders`, `headers`): an object whose values are strings; absent means none. */
export function optionalHeaders(method: string, name: string, value: unknown): Headers {
  if (value === undefined || value === null) return {};
  if (!isPlainObject(value)) throw new ArgumentError(method, `${name} must be an object`);
  const headers: Headers = {};
  for (const [key, headerValue] of Object.entries(value)) {
    if (headerValue === undefined) continue;
    if (typeof headerValue !== 'string' && typeof headerValue !== 'number') {
      throw new ArgumentError(method, `${name}.${key} must be a string`);
    }
    headers[key] = String(headerValue);
  }
  return headers;
}

/** Parameter objects: absent means `{}`; the content is copied to plain data. */
export function optionalParameters(method: string, name: string, value: unknown): Record<string, Data> {
  if (value === undefined || value === null) return {};
  if (!isPlainObject(value)) throw new ArgumentError(method, `${name} must be an object`);
  return toData(method, name, value) as Record<string, Data>;
}

/** UTF-8 length, for the limits VoxEngine states in bytes (custom data, INFO bodies, messages). */
export function utf8Length(text: string): number {
  let bytes = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 0x80) bytes += 1;
    else if (code < 0x800) bytes += 2;
    else if (code >= 0xd800 && code <= 0xdbff && i + 1 < text.length) {
      bytes += 4;
      i++;
    } else bytes += 3;
  }
  return bytes;
}

export function requireMaxBytes(method: string, name: string, value: string, maxBytes: number): string {
  if (utf8Length(value) > maxBytes) throw new ArgumentError(method, `${name} must be at most ${maxBytes} bytes`);
  return value;
}

/** Deep copy into bridge data: voices become their description, functions and cycles are refused, undefined is dropped. */
export function toData(method: string, name: string, value: unknown, depth = 0): Data {
  if (depth > 32) throw new ArgumentError(method, `${name} is nested too deeply`);
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return value;
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new ArgumentError(method, `${name} must be a finite number`);
    return value;
  }
  if (value instanceof Voice) {
    return { provider: value.provider, name: value.name, language: value.language, gender: value.gender };
  }
  if (Array.isArray(value)) return value.map((item, i) => toData(method, `${name}[${i}]`, item, depth + 1));
  if (isPlainObject(value)) {
    const copy: Record<string, Data> = {};
    for (const [key, item] of Object.entries(value)) {
      if (item === undefined) continue;
      copy[key] = toData(method, `${name}.${key}`, item, depth + 1);
    }
    return copy;
  }
  throw new ArgumentError(method, `${name} must be plain data (got ${typeof value})`);
}

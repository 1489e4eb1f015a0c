import { quote } from '../message/index.js';
import type { DigestAlgorithm, DigestQop } from './digest-algorithm.js';

/** The fields of a Digest Authorization / Proxy-Authorization value (RFC 3261 22.4, RFC 7616 3.4). */
export interface DigestCredentialsFields {
  readonly username: string;
  readonly realm: string;
  readonly nonce: string;
  readonly uri: string;
  readonly response: string;
  readonly algorithm: DigestAlgorithm;
  readonly opaque?: string;
  readonly qop?: DigestQop;
  readonly cnonce?: string;
  readonly nc?: string;
}

/** RFC 7616 3.4: qop, nc and algorithm are unquoted tokens; the others are quoted strings. */
export function formatDigestCredentials(fields: DigestCredentialsFields): string {
  const parts = [
    `username=${quote(fields.username)}`,
    `realm=${quote(fields.realm)}`,
    `nonce=${quote(fields.nonce)}`,
    `uri=${quote(fields.uri)}`,
    `response=${quote(fields.response)}`,
    `algorithm=${fields.algorithm}`,
  ];
  if (fields.opaque !== undefined) parts.push(`opaque=${quote(fields.opaque)}`);
  if (fields.qop !== undefined) parts.push(`qop=${fields.qop}`, `nc=${fields.nc}`);
  if (fields.cnonce !== undefined) parts.push(`cnonce=${quote(fields.cnonce)}`);
  return `Digest ${parts.join(', ')}`;
}

/** Nonce count as 8 lower-case hex digits (RFC 7616 3.4: nc-value = 8LHEX). */
export function formatNonceCount(count: number): string {
  return count.toString(16).padStart(8, '0');
}

import { createHash } from 'node:crypto';

/**
 * RFC 7616 3.4.1-3.4.3 digest computation, shared by the client (Authorization) and the server (verification).
 * RFC 3261 22.4 uses RFC 2617's scheme; RFC 8760 adds RFC 7616's SHA-256 algorithms to SIP.
 */

export type DigestAlgorithm = 'MD5' | 'MD5-sess' | 'SHA-256' | 'SHA-256-sess' | 'SHA-512-256' | 'SHA-512-256-sess';
export type DigestQop = 'auth' | 'auth-int';

const HASHES: Readonly<Record<string, string>> = { MD5: 'md5', 'SHA-256': 'sha256', 'SHA-512-256': 'sha512-256' };

/** The algorithm named in a challenge, case-insensitively; RFC 7616 3.3: absent means MD5. Unknown: undefined. */
export function parseDigestAlgorithm(value: string | undefined): DigestAlgorithm | undefined {
  if (value === undefined) return 'MD5';
  const upper = value.toUpperCase();
  const known: readonly DigestAlgorithm[] = ['MD5', 'MD5-sess', 'SHA-256', 'SHA-256-sess', 'SHA-512-256', 'SHA-512-256-sess'];
  return known.find((algorithm) => algorithm.toUpperCase() === upper);
}

export function digestHash(algorithm: DigestAlgorithm, data: string | Buffer): string {
  const base = algorithm.endsWith('-sess') ? algorithm.slice(0, -5) : algorithm;
  return createHash(HASHES[base]!).update(data).digest('hex');
}

export interface DigestInput {
  readonly algorithm: DigestAlgorithm;
  readonly username: string;
  readonly realm: string;
  readonly password: string;
  readonly method: string;
  /** The digest-uri: for SIP, the Request-URI as sent (RFC 3261 22.4). */
  readonly uri: string;
  readonly nonce: string;
  /** Absent for the RFC 2069 compatibility mode (no qop in the challenge). */
  readonly qop?: DigestQop;
  readonly cnonce?: string;
  /** Nonce count, 8 hex digits (e.g. "00000001"). */
  readonly nc?: string;
  /** Needed for qop=auth-int. */
  readonly body?: Buffer | string;
}

/**
 * RFC 7616 3.4.2: A1 = username ":" realm ":" passwd, and for -sess algorithms
 * A1 = H(username ":" realm ":" passwd) ":" nonce ":" cnonce.
 */
export function digestHa1(input: Pick<DigestInput, 'algorithm' | 'username' | 'realm' | 'password' | 'nonce' | 'cnonce'>): string {
  const ha1 = digestHash(input.algorithm, `${input.username}:${input.realm}:${input.password}`);
  if (!input.algorithm.endsWith('-sess')) return ha1;
  return digestHash(input.algorithm, `${ha1}:${input.nonce}:${input.cnonce ?? ''}`);
}

/** RFC 7616 3.4.3: A2 = Method ":" request-uri, plus ":" H(entity-body) for qop=auth-int. */
export function digestHa2(input: Pick<DigestInput, 'algorithm' | 'method' | 'uri' | 'qop' | 'body'>): string {
  if (input.qop === 'auth-int') {
    const bodyHash = digestHash(input.algorithm, input.body ?? '');
    return digestHash(input.algorithm, `${input.method}:${input.uri}:${bodyHash}`);
  }
  return digestHash(input.algorithm, `${input.method}:${input.uri}`);
}

/**
 * RFC 7616 3.4.1: response = KD(H(A1), nonce ":" nc ":" cnonce ":" qop ":" H(A2)) with qop;
 * RFC 2069 / RFC 2617 3.2.2.1 without qop: KD(H(A1), nonce ":" H(A2)).
 */
export function digestResponse(input: DigestInput): string {
  const ha1 = digestHa1(input);
  const ha2 = digestHa2(input);
  if (input.qop === undefined) return digestHash(input.algorithm, `${ha1}:${input.nonce}:${ha2}`);
  return digestHash(input.algorithm, `${ha1}:${input.nonce}:${input.nc}:${input.cnonce}:${input.qop}:${ha2}`);
}

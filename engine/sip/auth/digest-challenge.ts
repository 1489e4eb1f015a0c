import { parseAuthHeader, type AuthHeaderValue } from '../message/index.js';
import { parseDigestAlgorithm, type DigestAlgorithm, type DigestQop } from './digest-algorithm.js';

/** A Digest challenge from WWW-Authenticate or Proxy-Authenticate (RFC 7616 3.3, RFC 3261 22.1). */
export interface DigestChallenge {
  readonly realm: string;
  readonly nonce: string;
  readonly opaque?: string;
  readonly algorithm: DigestAlgorithm;
  /** The qop options offered; empty for an RFC 2069 challenge. */
  readonly qop: readonly DigestQop[];
  /** RFC 7616 3.3: the nonce expired but the credentials were good; retry without asking the user. */
  readonly stale: boolean;
}

export class DigestChallengeError extends Error {
  readonly code = 'DIGEST_CHALLENGE_ERROR';
  override readonly name = 'DigestChallengeError';
}

/**
 * Reads one challenge. Throws DigestChallengeError when it is not a Digest challenge, lacks realm or nonce, or names
 * an algorithm this implementation does not have (RFC 7616 3.3: a client MUST ignore such a challenge).
 */
export function parseDigestChallenge(value: AuthHeaderValue | string): DigestChallenge {
  const header = typeof value === 'string' ? parseAuthHeader(value, 'WWW-Authenticate') : value;
  if (header.scheme.toLowerCase() !== 'digest') throw new DigestChallengeError(`unsupported scheme ${header.scheme}`);
  const { realm, nonce, opaque, stale } = header.params;
  if (realm === undefined || nonce === undefined) throw new DigestChallengeError('challenge without realm or nonce');
  const algorithm = parseDigestAlgorithm(header.params.algorithm);
  if (!algorithm) throw new DigestChallengeError(`unsupported algorithm ${header.params.algorithm}`);
  const qop = (header.params.qop ?? '')
    .split(',')
    .map((option) => option.trim().toLowerCase())
    .filter((option): option is DigestQop => option === 'auth' || option === 'auth-int');
  if (header.params.qop !== undefined && qop.length === 0) throw new DigestChallengeError(`unsupported qop ${header.params.qop}`);
  return { realm, nonce, opaque, algorithm, qop, stale: stale?.toLowerCase() === 'true' };
}

import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { parseAuthHeader, quote, type AuthHeaderValue, SipParseError } from '../message/index.js';
import { digestResponse, parseDigestAlgorithm, type DigestAlgorithm, type DigestQop } from './digest-algorithm.js';

export interface DigestServerOptions {
  readonly realm: string;
  readonly algorithm?: DigestAlgorithm;
  /** Offered qop options; RFC 7616 3.3 makes qop mandatory, so the default is ["auth"]. */
  readonly qop?: readonly DigestQop[];
  /** How long a nonce stays valid; an older one is answered with a stale challenge. Default 5 minutes. */
  readonly nonceLifetimeMs?: number;
  /** Monotonic milliseconds; injectable for tests. */
  readonly now?: () => number;
  readonly secret?: Buffer;
}

/** The request whose credentials are checked. */
export interface VerifyTarget {
  readonly method: string;
  /** The Request-URI as received; the credentials' digest-uri must name it (RFC 3261 22.4). */
  readonly uri?: string;
  readonly body?: Buffer | string;
}

export type DigestVerification =
  | { readonly ok: true; readonly username: string }
  | {
      readonly ok: false;
      /** `stale`: good credentials on an expired nonce; answer with `challenge(true)` (RFC 7616 3.3). */
      readonly reason: 'malformed' | 'realm' | 'unknown-user' | 'uri' | 'nonce' | 'stale' | 'replay' | 'response';
    };

/**
 * The server side of digest authentication (RFC 7616, RFC 3261 22): issues challenges with self-validating nonces
 * (a timestamp and an HMAC under a per-server secret, so no state is needed to recognise its own nonces) and
 * verifies credentials, refusing a nonce count that does not increase (replay).
 */
export class DigestServer {
  private readonly realm: string;
  private readonly algorithm: DigestAlgorithm;
  private readonly qop: readonly DigestQop[];
  private readonly lifetime: number;
  private readonly now: () => number;
  private readonly secret: Buffer;
  private readonly opaque: string;
  /** Highest nonce count seen per nonce, pruned when nonces expire. */
  private readonly counts = new Map<string, { count: number; issuedAt: number }>();
  private lastPrune = 0;

  constructor(options: DigestServerOptions) {
    this.realm = options.realm;
    this.algorithm = options.algorithm ?? 'MD5';
    this.qop = options.qop ?? ['auth'];
    this.lifetime = options.nonceLifetimeMs ?? 300_000;
    this.now = options.now ?? (() => performance.now());
    this.secret = options.secret ?? randomBytes(32);
    this.opaque = randomBytes(8).toString('hex');
  }

  /** A WWW-Authenticate / Proxy-Authenticate value with a fresh nonce. */
  challenge(stale = false): string {
    const parts = [`realm=${quote(this.realm)}`, `nonce=${quote(this.createNonce())}`, `opaque=${quote(this.opaque)}`, `algorithm=${this.algorithm}`];
    if (this.qop.length > 0) parts.push(`qop=${quote(this.qop.join(','))}`);
    if (stale) parts.push('stale=true');
    return `Digest ${parts.join(', ')}`;
  }

  verify(credentials: AuthHeaderValue | string, target: VerifyTarget, passwordOf: (username: string) => string | undefined): DigestVerification {
    let header: AuthHeaderValue;
    try {
      header = typeof credentials === 'string' ? parseAuthHeader(credentials) : credentials;
    } catch (error) {
      if (error instanceof SipParseError) return { ok: false, reason: 'malformed' };
      throw error;
    }
    const p = header.params;
    if (header.scheme.toLowerCase() !== 'digest' || !p.username || !p.nonce || !p.uri || !p.response) {
      return { ok: false, reason: 'malformed' };
    }
    if (p.realm !== this.realm) return { ok: false, reason: 'realm' };
    // RFC 7616 3.3: the client returns opaque unchanged.
    if (p.opaque !== this.opaque) return { ok: false, reason: 'malformed' };
    if (target.uri !== undefined && p.uri !== target.uri) return { ok: false, reason: 'uri' };
    const algorithm = parseDigestAlgorithm(p.algorithm);
    if (algorithm !== this.algorithm) return { ok: false, reason: 'malformed' };
    const qop = p.qop as DigestQop | undefined;
    if (this.qop.length > 0 ? qop === undefined || !this.qop.includes(qop) : qop !== undefined) return { ok: false, reason: 'malformed' };
    if (qop && (!p.nc || !/^[0-9a-fA-F]{8}$/.test(p.nc) || !p.cnonce)) return { ok: false, reason: 'malformed' };

    const issuedAt = this.nonceIssuedAt(p.nonce);
    if (issuedAt === undefined) return { ok: false, reason: 'nonce' };
    const password = passwordOf(p.username);
    if (password === undefined) return { ok: false, reason: 'unknown-user' };
    const expected = digestResponse({
      algorithm,
      username: p.username,
      realm: this.realm,
      password,
      method: target.method,
      uri: p.uri,
      nonce: p.nonce,
      qop,
      cnonce: p.cnonce,
      nc: p.nc,
      body: target.body,
    });
    const given = Buffer.from(p.response.toLowerCase());
    if (given.length !== expected.length || !timingSafeEqual(given, Buffer.from(expected))) return { ok: false, reason: 'response' };
    if (this.now() - issuedAt > this.lifetime) return { ok: false, reason: 'stale' };
    if (qop) {
      const count = parseInt(p.nc!, 16);
      const seen = this.counts.get(p.nonce);
      if (seen && count <= seen.count) return { ok: false, reason: 'replay' };
      this.counts.set(p.nonce, { count, issuedAt });
    }
    this.prune();
    return { ok: true, username: p.username };
  }

  private createNonce(): string {
    const stamp = Buffer.alloc(8);
    stamp.writeDoubleBE(this.now());
    const body = Buffer.concat([stamp, randomBytes(8)]);
    const mac = createHmac('sha256', this.secret).update(body).digest().subarray(0, 16);
    return Buffer.concat([body, mac]).toString('base64url');
  }

  /** The issue time of a nonce this server made, or undefined for a forged or foreign one. */
  private nonceIssuedAt(nonce: string): number | undefined {
    const raw = Buffer.from(nonce, 'base64url');
    if (raw.length !== 32) return undefined;
    const mac = createHmac('sha256', this.secret).update(raw.subarray(0, 16)).digest().subarray(0, 16);
    if (!timingSafeEqual(mac, raw.subarray(16))) return undefined;
    return raw.readDoubleBE(0);
  }

  /** Drops expired nonces' counts, at most once a quarter lifetime so that verification stays O(1) on average. */
  private prune(): void {
    const now = this.now();
    if (now - this.lastPrune < this.lifetime / 4) return;
    this.lastPrune = now;
    for (const [nonce, entry] of this.counts) if (now - entry.issuedAt > this.lifetime) this.counts.delete(nonce);
  }
}

import { randomBytes } from 'node:crypto';
import type { SipRequest, SipResponse } from '../message/index.js';
import { digestResponse, type DigestQop } from './digest-algorithm.js';
import { DigestChallengeError, parseDigestChallenge, type DigestChallenge } from './digest-challenge.js';
import { formatDigestCredentials, formatNonceCount } from './digest-credentials.js';

export interface DigestCredentials {
  readonly username: string;
  readonly password: string;
  /** When set, challenges for other realms are not answered (RFC 3261 22.1: credentials belong to a realm). */
  readonly realm?: string;
}

/** The request being (re)authorized: its method, Request-URI as sent, and body (for qop=auth-int). */
export interface AuthorizationTarget {
  readonly method: string;
  readonly uri: string;
  readonly body?: Buffer | string;
}

export type AuthorizationHeader = readonly [name: 'Authorization' | 'Proxy-Authorization', value: string];

interface NonceState {
  readonly challenge: DigestChallenge;
  readonly header: AuthorizationHeader[0];
  count: number;
}

/**
 * The UAC side of RFC 3261 22.2/22.3 digest authentication for one set of credentials: answers 401/407 challenges
 * and keeps each realm's nonce, so later requests reuse it with an incrementing nonce count (RFC 7616 3.4: nc counts
 * the requests sent with one nonce) instead of paying a challenge round trip each time.
 */
export class DigestClient {
  private readonly nonces = new Map<string, NonceState>();
  private readonly makeCnonce: () => string;

  constructor(
    private readonly credentials: DigestCredentials,
    options: { readonly cnonce?: () => string } = {},
  ) {
    this.makeCnonce = options.cnonce ?? (() => randomBytes(16).toString('hex'));
  }

  /**
   * Reads the challenges of a 401 (WWW-Authenticate) or 407 (Proxy-Authenticate) to `request` and returns the
   * header fields for the retried request (with a new CSeq), or null when nothing can be answered: no usable Digest
   * challenge, another realm, or credentials already refused (the request carried ours for that realm and the new
   * challenge is not `stale`), so that a UAC never loops on a wrong password.
   */
  handleChallenge(response: SipResponse, request: SipRequest, target: AuthorizationTarget = request): AuthorizationHeader[] | null {
    const header = response.status === 407 ? 'Proxy-Authorization' : 'Authorization';
    const offered = response.status === 407 ? response.proxyAuthenticate : response.wwwAuthenticate;
    const sent = response.status === 407 ? request.proxyAuthorization : request.authorization;
    // RFC 7616 / RFC 8760: challenges come in the server's order of preference; per realm, the client uses the
    // first one it supports.
    const answered = new Set<string>();
    for (const value of offered) {
      let challenge: DigestChallenge;
      try {
        challenge = parseDigestChallenge(value);
      } catch (error) {
        if (error instanceof DigestChallengeError) continue;
        throw error;
      }
      if (answered.has(challenge.realm)) continue;
      if (this.credentials.realm !== undefined && this.credentials.realm !== challenge.realm) continue;
      const refused = sent.some(
        (credentials) => credentials.params.realm === challenge.realm && credentials.params.username === this.credentials.username,
      );
      if (refused && !challenge.stale) return null;
      this.nonces.set(challenge.realm, { challenge, header, count: 0 });
      answered.add(challenge.realm);
    }
    return answered.size > 0 ? this.authorize(target) : null;
  }

  /** Authorization fields for a request, from every nonce held (each use increments that nonce's count). */
  authorize(target: AuthorizationTarget): AuthorizationHeader[] {
    const headers: AuthorizationHeader[] = [];
    for (const state of this.nonces.values()) {
      state.count++;
      headers.push([state.header, this.credentialsFor(state, target)]);
    }
    return headers;
  }

  /** Forgets every nonce (e.g. when the registration or the dialog ends). */
  reset(): void {
    this.nonces.clear();
  }

  private credentialsFor(state: NonceState, target: AuthorizationTarget): string {
    const { challenge } = state;
    // RFC 7616 3.4: prefer "auth"; "auth-int" only when it is all the server offers.
    const qop: DigestQop | undefined = challenge.qop.length === 0 ? undefined : challenge.qop.includes('auth') ? 'auth' : 'auth-int';
    const cnonce = qop || challenge.algorithm.endsWith('-sess') ? this.makeCnonce() : undefined;
    const nc = qop ? formatNonceCount(state.count) : undefined;
    const response = digestResponse({
      algorithm: challenge.algorithm,
      username: this.credentials.username,
      realm: challenge.realm,
      password: this.credentials.password,
      method: target.method,
      uri: target.uri,
      nonce: challenge.nonce,
      qop,
      cnonce,
      nc,
      body: target.body,
    });
    return formatDigestCredentials({
      username: this.credentials.username,
      realm: challenge.realm,
      nonce: challenge.nonce,
      uri: target.uri,
      response,
      algorithm: challenge.algorithm,
      opaque: challenge.opaque,
      qop,
      cnonce,
      nc,
    });
  }
}

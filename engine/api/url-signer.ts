/**
 * HMAC-SHA256 signatures for the URLs the API hands out: download URLs for recordings and assets, which expire, and
 * session control URLs, which live as long as the session. The signature is the credential, so these URLs work
 * without the bearer token (like VoxEngine's media_session_access_url).
 */
import { createHmac, timingSafeEqual } from 'node:crypto';

export type SignatureCheck = 'valid' | 'expired' | 'bad_signature';

export class UrlSigner {
  constructor(private readonly secret: string) {}

  /** Signature over a download of `resource` valid until `expiresAt` (epoch seconds). */
  signDownload(resource: string, expiresAt: number): string {
    return this.mac(`download\n${resource}\n${expiresAt}`);
  }

  checkDownload(resource: string, expiresAt: number, signature: string, nowSeconds: number): SignatureCheck {
    if (!this.equal(signature, this.signDownload(resource, expiresAt))) return 'bad_signature';
    return nowSeconds < expiresAt ? 'valid' : 'expired';
  }

  controlKey(sessionId: string): string {
    return this.mac(`control\n${sessionId}`);
  }

  checkControlKey(sessionId: string, key: string): boolean {
    return this.equal(key, this.controlKey(sessionId));
  }

  private mac(text: string): string {
    return createHmac('sha256', this.secret).update(text).digest('base64url');
  }

  private equal(given: string, expected: string): boolean {
    const a = Buffer.from(given);
    const b = Buffer.from(expected);
    return a.length === b.length && timingSafeEqual(a, b);
  }
}

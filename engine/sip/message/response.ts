import type { HeaderField } from './header-field.js';
import { SipMessage, type HeadEncoding } from './message.js';

/** A SIP response (RFC 3261 7.2): Status-Line = SIP-Version SP Status-Code SP Reason-Phrase CRLF. */
export class SipResponse extends SipMessage {
  constructor(
    readonly status: number,
    readonly reason: string,
    fields: HeaderField[] = [],
    body: Buffer = Buffer.alloc(0),
    readonly version = 'SIP/2.0',
    headEncoding: HeadEncoding = 'utf8',
  ) {
    super(fields, body, headEncoding);
  }

  startLine(): string {
    return `${this.version} ${this.status} ${this.reason}`;
  }
}

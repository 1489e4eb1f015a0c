import type { HeaderField } from './header-field.js';
import { SipMessage, type HeadEncoding } from './message.js';
import { SipParseError } from './sip-parse-error.js';
import { parseUri, type Uri } from './sip-uri.js';

/** A SIP request (RFC 3261 7.1): Request-Line = Method SP Request-URI SP SIP-Version CRLF. */
export class SipRequest extends SipMessage {
  private parsedUri: Uri | undefined;

  constructor(
    /** Case-sensitive (RFC 3261 7.1): "invite" is an unknown method, not INVITE. */
    readonly method: string,
    /** The Request-URI as written; {@link requestUri} is its parsed form. */
    readonly uri: string,
    fields: HeaderField[] = [],
    body: Buffer = Buffer.alloc(0),
    readonly version = 'SIP/2.0',
    headEncoding: HeadEncoding = 'utf8',
  ) {
    super(fields, body, headEncoding);
  }

  /** The parsed Request-URI; throws SipParseError("Bad Request-URI") when it is malformed. */
  get requestUri(): Uri {
    if (this.parsedUri === undefined) {
      try {
        this.parsedUri = parseUri(this.uri);
      } catch (error) {
        if (error instanceof SipParseError) throw new SipParseError('Bad Request-URI', this.uri);
        throw error;
      }
    }
    return this.parsedUri;
  }

  startLine(): string {
    return `${this.method} ${this.uri} ${this.version}`;
  }
}

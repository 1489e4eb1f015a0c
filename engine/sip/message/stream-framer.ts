import { DEFAULT_MAX_MESSAGE_SIZE } from './parse-message.js';
import { parseContentLength } from './scalar-headers.js';
import { SipParseError } from './sip-parse-error.js';

export interface StreamFramerOptions {
  /** Largest message (header section + body) accepted; beyond it the stream is unrecoverable. */
  readonly maxSize?: number;
}

/** What one {@link SipStreamFramer.push} produced: complete messages, and keep-alive pings seen (RFC 5626 4.4.1). */
export interface FramedChunk {
  readonly messages: Buffer[];
  readonly keepAlives: number;
}

const CRLF_CRLF = Buffer.from('\r\n\r\n');

/**
 * Cuts a TCP/TLS byte stream into SIP messages. RFC 3261 18.3: on a stream the Content-Length header MUST be used
 * to find the end of each message (a missing one is an error, not "rest of the stream"); RFC 3261 7.5: CRLFs
 * between messages are ignored, and a CRLFCRLF there is an RFC 5626 keep-alive ping (to be answered with CRLF).
 * After a framing error the stream cannot be resynchronised: the framer refuses further input and the connection
 * should be closed.
 */
export class SipStreamFramer {
  private readonly maxSize: number;
  private buffered: Buffer = Buffer.alloc(0);
  /** Where to resume the search for the end of the header section, so a slow sender costs O(n), not O(n^2). */
  private searchFrom = 0;
  private failed: SipParseError | undefined;

  constructor(options: StreamFramerOptions = {}) {
    this.maxSize = options.maxSize ?? DEFAULT_MAX_MESSAGE_SIZE;
  }

  /** Octets held while waiting for the rest of a message. */
  get pendingBytes(): number {
    return this.buffered.length;
  }

  /** @throws SipParseError on a framing error (bad or missing Content-Length, message too large); fatal for the stream. */
  push(chunk: Buffer): FramedChunk {
    if (this.failed) throw this.failed;
    this.buffered = this.buffered.length === 0 ? chunk : Buffer.concat([this.buffered, chunk]);
    const messages: Buffer[] = [];
    let keepAlives = 0;
    try {
      for (;;) {
        keepAlives += this.skipLeadingCrlf();
        const message = this.nextMessage();
        if (!message) break;
        messages.push(message);
      }
    } catch (error) {
      this.failed = error instanceof SipParseError ? error : new SipParseError('Bad message framing', String(error));
      this.buffered = Buffer.alloc(0);
      throw this.failed;
    }
    return { messages, keepAlives };
  }

  private skipLeadingCrlf(): number {
    let pings = 0;
    let at = 0;
    const data = this.buffered;
    while (at + 1 < data.length && data[at] === 0x0d && data[at + 1] === 0x0a) {
      if (at + 3 < data.length && data[at + 2] === 0x0d && data[at + 3] === 0x0a) {
        pings++;
        at += 4;
      } else at += 2;
    }
    if (at > 0) this.consume(at);
    return pings;
  }

  private nextMessage(): Buffer | undefined {
    const data = this.buffered;
    const headEnd = data.indexOf(CRLF_CRLF, this.searchFrom);
    if (headEnd < 0) {
      if (data.length > this.maxSize) throw new SipParseError('Message Too Large', `header section over ${this.maxSize} bytes`);
      this.searchFrom = Math.max(0, data.length - 3);
      return undefined;
    }
    const bodyStart = headEnd + 4;
    const length = contentLengthOf(data.toString('latin1', 0, headEnd));
    if (bodyStart + length > this.maxSize) throw new SipParseError('Message Too Large', `${bodyStart + length} > ${this.maxSize} bytes`);
    if (data.length < bodyStart + length) {
      this.searchFrom = headEnd;
      return undefined;
    }
    // A copy, so that a parsed message never pins the rest of the stream's buffer.
    const message = Buffer.from(data.subarray(0, bodyStart + length));
    this.consume(bodyStart + length);
    return message;
  }

  private consume(octets: number): void {
    this.buffered = octets >= this.buffered.length ? Buffer.alloc(0) : this.buffered.subarray(octets);
    this.searchFrom = 0;
  }
}

/** The Content-Length of a header section (long or compact `l` form, unfolded lines); all copies must agree. */
function contentLengthOf(head: string): number {
  let length: number | undefined;
  for (const line of head.split(/\r?\n/)) {
    const colon = line.indexOf(':');
    if (colon < 0) continue;
    const name = line.slice(0, colon).trim().toLowerCase();
    if (name !== 'content-length' && name !== 'l') continue;
    const value = parseContentLength(line.slice(colon + 1));
    if (length !== undefined && length !== value) throw new SipParseError('Bad Content-Length', 'conflicting values');
    length = value;
  }
  if (length === undefined) throw new SipParseError('Missing Content-Length', 'required on stream transports (RFC 3261 18.3)');
  return length;
}

/**
 * What could still be read from a message that failed to parse, so that a UAS can answer 400 when the request's
 * transaction-identifying headers survived (RFC 3261 8.2: a malformed request gets a 4xx when possible).
 */
export interface SipParseContext {
  readonly kind?: 'request' | 'response';
  readonly method?: string;
  /** The header fields as split from the message, raw values, in order (present when the header section split). */
  readonly headers?: readonly { readonly name: string; readonly value: string }[];
}

/**
 * A SIP message or header value that does not follow RFC 3261's grammar. `reason` is a short phrase suitable for a
 * 400 response's reason phrase (e.g. "Bad Content-Length"); `context` carries what was read before the failure.
 */
export class SipParseError extends Error {
  readonly code = 'SIP_PARSE_ERROR';
  override readonly name = 'SipParseError';

  constructor(
    readonly reason: string,
    readonly detail?: string,
    readonly context: SipParseContext = {},
  ) {
    // Malformed input from the network is routine (scanners, fuzzers); a stack trace would say nothing about it and
    // capturing one dominates the cost of refusing a message.
    const limit = Error.stackTraceLimit;
    Error.stackTraceLimit = 0;
    super(detail ? `${reason}: ${detail}` : reason);
    Error.stackTraceLimit = limit;
  }

  /** The same error with more context (what this error already knows wins). */
  withContext(context: SipParseContext): SipParseError {
    return new SipParseError(this.reason, this.detail, { ...context, ...this.context });
  }
}

/** Typed transport failures with stable codes. */
export type TransportErrorCode =
  | 'closed'
  | 'listen-failed'
  | 'no-transport'
  | 'message-too-large'
  | 'connection-limit'
  | 'connect-failed'
  | 'framing'
  | 'idle-timeout'
  | 'partial-timeout'
  | 'send-failed';

export class TransportError extends Error {
  constructor(
    readonly code: TransportErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'TransportError';
  }
}

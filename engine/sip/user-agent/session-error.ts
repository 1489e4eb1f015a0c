/** Typed failures of session operations, with stable codes. */
export type SessionErrorCode = 'terminated' | 'invalid-state' | 'request-pending' | 'timeout' | 'transport-error' | 'rejected';

export class SessionError extends Error {
  override readonly name = 'SessionError';
  constructor(
    readonly code: SessionErrorCode,
    message: string,
    /** The final response for 'rejected'. */
    readonly status?: number,
  ) {
    super(message);
  }
}

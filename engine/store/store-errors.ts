/**
 * Typed failures of the store, each with a stable code that the API maps to an HTTP status (not_found -> 404,
 * version_conflict, in_use and already_exists -> 409, invalid_reference and invalid_cursor -> 400).
 */
export type StoreErrorCode =
  | 'not_found'
  | 'version_conflict'
  | 'in_use'
  | 'already_exists'
  /** A record names another that does not exist (a rule's scenario). */
  | 'invalid_reference'
  /** A paging cursor this store did not produce. */
  | 'invalid_cursor'
  | 'closed';

export class StoreError extends Error {
  constructor(
    readonly code: StoreErrorCode,
    message: string,
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
    this.name = 'StoreError';
  }
}

export function notFound(kind: string, id: string | number): StoreError {
  return new StoreError('not_found', `${kind} '${id}' not found`, { kind, id });
}

/**
 * VoxEngine's call states (`call.state()`): the strings cross the sandbox and the logs unchanged.
 * An incoming call starts ALERTING, an outgoing one PROGRESSING; an incoming call in early media is PROGRESSING too.
 */
export type CallState = 'ALERTING' | 'PROGRESSING' | 'CONNECTED' | 'TERMINATED';

const legal: Record<CallState, readonly CallState[]> = {
  ALERTING: ['PROGRESSING', 'CONNECTED', 'TERMINATED'],
  PROGRESSING: ['CONNECTED', 'TERMINATED'],
  CONNECTED: ['TERMINATED'],
  TERMINATED: [],
};

export class IllegalCallTransitionError extends Error {
  readonly code = 'CALL_ILLEGAL_TRANSITION';
  constructor(
    readonly from: CallState,
    readonly to: CallState,
  ) {
    super(`illegal call state transition ${from} -> ${to}`);
    this.name = 'IllegalCallTransitionError';
  }
}

export function canTransition(from: CallState, to: CallState): boolean {
  return legal[from].includes(to);
}

export function assertTransition(from: CallState, to: CallState): void {
  if (!canTransition(from, to)) throw new IllegalCallTransitionError(from, to);
}

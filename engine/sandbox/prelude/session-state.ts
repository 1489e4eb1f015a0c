/** What the prelude knows about its session: custom data, counters behind the limits, and whether it is ending. */
export const sessionState = {
  customData: '',
  callAttempts: 0,
  livePlayers: 0,
  /** Set by `VoxEngine.terminate()`: from then on only `Terminating`, `Terminated` and HTTP results are delivered. */
  terminating: false,
};

let nextId = 1;

/**
 * Ids of objects the scenario creates. They are allocated here so that `VoxEngine.callSIP()` can return a `Call`
 * synchronously (scenario-protocol.ts); the `guest-` prefix keeps them apart from ids the host gives incoming calls.
 */
export function allocateId(kind: 'call' | 'player' | 'recorder'): string {
  return `guest-${kind}-${nextId++}`;
}

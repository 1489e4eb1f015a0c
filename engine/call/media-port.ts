/**
 * Anything that takes part in media routing (`sendMediaTo`, `sendMediaBetween`): call legs, players, recorders.
 * DESIGN.md, "Media": a call receives exactly one audio stream at a time, so a leg's `connectFrom` replaces its
 * current source; a recorder mixes every source connected to it; a player only sends.
 */
export interface MediaPort {
  /** Stable identity for routing tables and logs, e.g. `call:3` or `player:p1`. */
  readonly portId: string;
  /** Starts receiving `source`'s audio. */
  connectFrom(source: MediaPort): void;
  /** Stops receiving `source`'s audio; a no-op when it is not connected. */
  disconnectFrom(source: MediaPort): void;
}

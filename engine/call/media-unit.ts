/**
 * Players and recorders that a scenario creates on their own (`VoxEngine.createTTSPlayer`, `createURLPlayer`,
 * `createToneScriptPlayer`, `createRecorder`) and routes with `sendMediaTo`. The media layer implements them; the
 * session owns them and turns their reports into `PlayerEvents` / `RecorderEvents`.
 */
import type { MediaPort } from './media-port.js';
import type { PlaybackSource, RecordingOptions } from './call-leg.js';

export interface PlayerUnitDelegate {
  ready(): void;
  started(durationSeconds: number): void;
  finished(error?: string): void;
  markerReached(offsetMs: number): void;
}

export interface PlayerUnit extends MediaPort {
  pause(): void;
  resume(): void;
  /** Stops the playback for good; the player sends silence afterwards. */
  stop(): void;
  /** A marker `offsetMs` from the start (or from the end, when negative). */
  addMarker(offsetMs: number): void;
  /** Releases the unit. Idempotent; no delegate call follows. */
  close(): void;
}

export interface RecorderUnitDelegate {
  started(url: string): void;
  stopped(url: string, durationSeconds: number): void;
  error(error: string): void;
}

export interface RecorderUnit extends MediaPort {
  stop(): void;
  mute(muted: boolean): void;
  close(): void;
}

export interface PlayerRequest {
  source: Exclude<PlaybackSource, { kind: 'progressTone' } | { kind: 'silence' }>;
  /** `onPause`: created paused, waiting for `resume()`. */
  paused: boolean;
}

/** Creates players and recorders; every delegate call must be asynchronous to the method that caused it. */
export interface MediaUnitFactory {
  createPlayer(portId: string, request: PlayerRequest, delegate: PlayerUnitDelegate): PlayerUnit;
  createRecorder(portId: string, options: RecordingOptions, delegate: RecorderUnitDelegate): RecorderUnit;
}

import type { PacedStream } from '../pacing/frame-scheduler.js';
import type { ProgressToneKind } from '../sources/progress-tones.js';
import type { TtsProsody, TtsVoice } from '../tts/tts-types.js';

/** What a player plays: VoxEngine's say, startPlayback, playProgressTone, createToneScriptPlayer, or silence. */
export type PlaybackRequest =
  | { readonly kind: 'tts'; readonly text: string; readonly voice: TtsVoice; readonly prosody?: TtsProsody; readonly loop?: boolean }
  | { readonly kind: 'url'; readonly url: string; readonly loop?: boolean }
  | { readonly kind: 'progressTone'; readonly country: string; readonly tone?: ProgressToneKind }
  | { readonly kind: 'toneScript'; readonly script: string; readonly loop?: boolean }
  | { readonly kind: 'silence'; readonly seconds?: number };

/** Events, named after VoxEngine's PlaybackReady, PlaybackStarted, PlaybackFinished and PlaybackMarkerReached. */
export interface PlayerEvents {
  /** The source is prepared (downloaded, synthesized, or found in the cache). */
  ready: Record<string, never>;
  /** The first frame went out. `duration` is one pass in seconds, or -1 for a source with no end (a `*` tone). */
  started: { duration: number };
  /** The source played to its end, or could not be prepared (`error`). Never after `stop()` or a replacement. */
  finished: { error?: string };
  /** Playback passed a marker set with `addMarker`. */
  marker: { offsetMs: number };
}

/** `idle` -> `preparing` -> `playing` -> `draining` (last frame out) -> `idle`; `closed` is final. */
export type PlayerState = 'idle' | 'preparing' | 'playing' | 'draining' | 'closed';

/** The engine's frame scheduler, as a player uses it: one tick per 20 ms while it plays. */
export interface FrameTicker {
  add(stream: PacedStream): void;
  remove(stream: PacedStream): void;
}

export class PlayerError extends Error {
  override readonly name = 'PlayerError';

  constructor(
    readonly code: 'player_closed' | 'illegal_transition',
    message: string,
  ) {
    super(message);
  }
}

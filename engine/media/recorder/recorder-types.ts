import type { Clock } from '../../clock.js';

export type RecordingFormat = 'mp3' | 'wav';

export interface RecorderOptions {
  /** The file to write; its folder must exist. */
  readonly path: string;
  /** What the events report as the recording's location; default the `file:` URL of `path`. */
  readonly url?: string;
  /** Default `mp3`, like VoxEngine (8 kHz, 32 kbps per channel). */
  readonly format?: RecordingFormat;
  /**
   * VoxEngine's `stereo`: the audio from the far end in the left channel, the audio sent to it in the right.
   * Default: one mono channel with both directions mixed.
   */
  readonly stereo?: boolean;
  readonly clock: Clock;
  /**
   * How often buffered audio is encoded and written out (and a WAV header brought up to date); default 250 ms. This
   * bounds both what a crash can lose and how long one encoding step holds the event loop (MP3: ~8 ms per flush).
   */
  readonly flushIntervalMs?: number;
  readonly onListenerError?: (error: unknown, event: string) => void;
}

/** VoxEngine's RecordStarted, RecordStopped and RecordError. */
export interface RecorderEvents {
  started: { url: string };
  stopped: { url: string; duration: number };
  error: { error: string };
}

/** `recording` -> `stopping` -> `stopped`; `failed` when the file cannot be written. */
export type RecorderState = 'recording' | 'stopping' | 'stopped' | 'failed';

export class RecorderError extends Error {
  override readonly name = 'RecorderError';

  constructor(
    readonly code: 'write_failed' | 'illegal_transition',
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

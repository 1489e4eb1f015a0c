/**
 * A prepared piece of audio a player reads from: decoded speech or a file, a generated tone, silence. Samples are the
 * engine's 8 kHz mono 16-bit PCM (media-types.ts); the player cuts them into 20 ms frames.
 */
export interface PcmStream {
  /** Seconds of one pass through the stream; Infinity for a stream with no end (a `*` tone, endless silence). */
  readonly durationSeconds: number;
  /** Writes up to `out.length` samples from the current position; fewer than asked means the pass has ended. */
  read(out: Int16Array): number;
  /** Returns to the start, for looped playback. */
  rewind(): void;
}

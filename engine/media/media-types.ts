/**
 * The shapes every producer and consumer of call audio shares (DESIGN.md, "Media"): 8 kHz, 16-bit linear PCM,
 * 20 ms frames of 160 samples. RTP endpoints, players, recorders and routing meet only through these interfaces.
 *
 * Audio moves on the engine-wide 20 ms tick: a unit that sends (an RTP endpoint) pulls one frame per tick from the
 * one {@link AudioSource} it currently receives; copies of what an endpoint receives and sends are pushed to any
 * number of {@link AudioSink}s (a recorder tap). Both are plain method calls on the per-frame path, never events.
 */

export const SAMPLE_RATE = 8000;
export const FRAME_DURATION_MS = 20;
/** Samples in one 20 ms frame at 8 kHz. */
export const FRAME_SAMPLES = 160;

/** One 20 ms frame: {@link FRAME_SAMPLES} signed 16-bit samples at {@link SAMPLE_RATE}. */
export type AudioFrame = Int16Array;

/** A stream of frames pulled once per 20 ms tick by the unit it feeds (a player, another call's received audio). */
export interface AudioSource {
  /**
   * The next frame, or null when the source has nothing for this tick (the consumer then sends nothing, which
   * starts a new talk spurt when audio comes back). The consumer does not keep the frame after the call returns,
   * so a source may reuse one buffer.
   */
  readFrame(): AudioFrame | null;
}

/** Which way a tapped frame was travelling, seen from the endpoint: from the peer, or towards it. */
export type AudioDirection = 'received' | 'sent';

/** Receives copies of audio, e.g. a recorder tapping an endpoint. Must not keep the frame after returning. */
export interface AudioSink {
  writeFrame(frame: AudioFrame, direction: AudioDirection): void;
}

/**
 * A unit that receives exactly one audio stream at a time, the newest (VoxEngine's `sendMediaTo` rule): setting a
 * source replaces the previous one; null stops receiving.
 */
export interface MediaInput {
  setInputSource(source: AudioSource | null): void;
  readonly inputSource: AudioSource | null;
}

/**
 * A source that may already hold its frames G.711-encoded (another call's received audio): a consumer sending in
 * `codec` asks for the payload first, so that bridged calls with the same codec forward payloads untouched.
 */
export interface EncodedAudioSource extends AudioSource {
  /**
   * The next frame as a 160-octet payload in `codec`; null when there is nothing this tick; undefined when the next
   * frame is not available in that codec (the consumer then calls {@link AudioSource.readFrame} and encodes).
   */
  readEncoded(codec: 'PCMU' | 'PCMA'): Uint8Array | null | undefined;
}

export function isEncodedAudioSource(source: AudioSource): source is EncodedAudioSource {
  return typeof (source as Partial<EncodedAudioSource>).readEncoded === 'function';
}

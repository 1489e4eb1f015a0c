import type { AudioCodec } from '../codec/audio-codec.js';
import { FRAME_SAMPLES } from '../media-types.js';

/**
 * One 20 ms frame an endpoint received, shared read-only by everyone it is routed to. It keeps the original G.711
 * payload when the peer sent exactly one frame per packet, so that a consumer using the same codec can forward it
 * untouched; the linear PCM is decoded once, on first demand.
 */
export class ReceivedFrame {
  private decoded: Int16Array | null;

  constructor(
    readonly codec: AudioCodec | null,
    readonly payload: Uint8Array | null,
    pcm: Int16Array | null = null,
  ) {
    this.decoded = pcm;
  }

  static fromPayload(codec: AudioCodec, payload: Uint8Array): ReceivedFrame {
    // A whole frame stays encoded until someone needs PCM (a recorder, in-band detection, a transcoding target).
    if (payload.length === FRAME_SAMPLES) return new ReceivedFrame(codec, payload);
    return new ReceivedFrame(null, null, codec.decode(payload));
  }

  get pcm(): Int16Array {
    if (!this.decoded) this.decoded = this.codec!.decode(this.payload!);
    return this.decoded;
  }
}

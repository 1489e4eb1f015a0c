import { Mp3Encoder } from '@breezystack/lamejs';
import { SAMPLE_RATE } from '../media-types.js';
import type { AudioFileWriter } from './audio-file-writer.js';
import { SerialFile } from './serial-file.js';

/** VoxEngine's default recording quality: 8 kHz, 32 kbps (here per channel, so stereo keeps each direction's quality). */
export const MP3_KBPS_PER_CHANNEL = 32;

/**
 * MP3 (MPEG-2.5 Layer III at 8 kHz) encoded with lamejs, pure JavaScript. MP3 frames are self-contained, so the
 * file is playable after every append; `finish` adds the encoder's last partial frame.
 */
export class Mp3FileWriter implements AudioFileWriter {
  private readonly file: SerialFile;
  private readonly encoder: Mp3Encoder;
  private pending: Uint8Array[] = [];

  constructor(
    path: string,
    private readonly channels: 1 | 2,
  ) {
    this.file = new SerialFile(path);
    this.encoder = new Mp3Encoder(channels, SAMPLE_RATE, MP3_KBPS_PER_CHANNEL * channels);
  }

  write(left: Int16Array, right?: Int16Array): void {
    const encoded = this.channels === 2 ? this.encoder.encodeBuffer(left, right ?? new Int16Array(left.length)) : this.encoder.encodeBuffer(left);
    if (encoded.length > 0) this.pending.push(asBytes(encoded));
  }

  flush(): void {
    for (const chunk of this.pending) this.file.append(chunk);
    this.pending = [];
  }

  async finish(): Promise<void> {
    const tail = this.encoder.flush();
    if (tail.length > 0) this.pending.push(asBytes(tail));
    this.flush();
    this.file.sync();
    await this.file.close();
  }

  settled(): Promise<void> {
    return this.file.settled();
  }
}

/** lamejs returns a fresh Int8Array despite its typings; view the same bytes as unsigned. */
function asBytes(encoded: ArrayBufferView): Uint8Array {
  return new Uint8Array(encoded.buffer, encoded.byteOffset, encoded.byteLength);
}

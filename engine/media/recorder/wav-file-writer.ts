import { SAMPLE_RATE } from '../media-types.js';
import type { AudioFileWriter } from './audio-file-writer.js';
import { SerialFile } from './serial-file.js';

/*
 * Canonical 44-byte PCM WAV header (RIFF, WAVE_FORMAT_PCM, 16-bit):
 *   0 "RIFF" | 4 u32 36 + dataBytes | 8 "WAVE" | 12 "fmt " | 16 u32 16 | 20 u16 1 (PCM) | 22 u16 channels
 *  24 u32 sampleRate | 28 u32 byteRate | 32 u16 blockAlign | 34 u16 16 | 36 "data" | 40 u32 dataBytes
 * The two sizes are rewritten after every flush, so a file cut short by a crash is valid up to its last flush.
 */
const HEADER_BYTES = 44;

function header(channels: number, dataBytes: number): Uint8Array {
  const bytes = new Uint8Array(HEADER_BYTES);
  const view = new DataView(bytes.buffer);
  const ascii = (at: number, text: string): void => {
    for (let i = 0; i < text.length; i++) bytes[at + i] = text.charCodeAt(i);
  };
  ascii(0, 'RIFF');
  view.setUint32(4, 36 + dataBytes, true);
  ascii(8, 'WAVE');
  ascii(12, 'fmt ');
  view.setUint32(16, 16, true);
  view.setUint16(20, 1, true);
  view.setUint16(22, channels, true);
  view.setUint32(24, SAMPLE_RATE, true);
  view.setUint32(28, SAMPLE_RATE * channels * 2, true);
  view.setUint16(32, channels * 2, true);
  view.setUint16(34, 16, true);
  ascii(36, 'data');
  view.setUint32(40, dataBytes, true);
  return bytes;
}

function sizes(dataBytes: number): { riff: Uint8Array; data: Uint8Array } {
  const riff = new Uint8Array(4);
  const data = new Uint8Array(4);
  new DataView(riff.buffer).setUint32(0, 36 + dataBytes, true);
  new DataView(data.buffer).setUint32(0, dataBytes, true);
  return { riff, data };
}

/** 16-bit linear PCM WAV at 8 kHz, mono or stereo, written incrementally. */
export class WavFileWriter implements AudioFileWriter {
  private readonly file: SerialFile;
  private pending: Uint8Array[] = [];
  private dataBytes = 0;

  constructor(
    path: string,
    private readonly channels: 1 | 2,
  ) {
    this.file = new SerialFile(path);
    this.file.append(header(channels, 0));
  }

  write(left: Int16Array, right?: Int16Array): void {
    const frames = left.length;
    const bytes = new Uint8Array(frames * this.channels * 2);
    const view = new DataView(bytes.buffer);
    for (let i = 0; i < frames; i++) {
      if (this.channels === 1) {
        view.setInt16(i * 2, left[i]!, true);
      } else {
        view.setInt16(i * 4, left[i]!, true);
        view.setInt16(i * 4 + 2, right?.[i] ?? 0, true);
      }
    }
    this.pending.push(bytes);
  }

  flush(): void {
    if (this.pending.length === 0) return;
    for (const chunk of this.pending) {
      this.file.append(chunk);
      this.dataBytes += chunk.length;
    }
    this.pending = [];
    const { riff, data } = sizes(this.dataBytes);
    this.file.writeAt(riff, 4);
    this.file.writeAt(data, 40);
  }

  async finish(): Promise<void> {
    this.flush();
    this.file.sync();
    await this.file.close();
  }

  settled(): Promise<void> {
    return this.file.settled();
  }
}

import { MPEGDecoder } from 'mpg123-decoder';
import { AudioSourceError } from './audio-source-error.js';
import type { DecodedAudio } from './decoded-audio.js';

/**
 * True when the bytes start like an MPEG audio stream: an ID3v2 tag, or an MPEG frame header, whose first 11 bits
 * are the frame sync (ISO/IEC 11172-3 section 2.4.2.3) and whose layer bits are not the reserved 00.
 */
export function looksLikeMp3(bytes: Uint8Array): boolean {
  if (bytes.length >= 3 && bytes[0] === 0x49 && bytes[1] === 0x44 && bytes[2] === 0x33) return true;
  return bytes.length >= 2 && bytes[0] === 0xff && (bytes[1]! & 0xe0) === 0xe0 && (bytes[1]! & 0x06) !== 0;
}

/** Decodes a whole MPEG-1/2/2.5 Layer I/II/III file with libmpg123 compiled to WebAssembly (no native binary). */
export async function decodeMp3(bytes: Uint8Array): Promise<DecodedAudio> {
  const decoder = new MPEGDecoder();
  try {
    await decoder.ready;
    const result = decoder.decode(bytes);
    if (result.samplesDecoded === 0) {
      const detail = result.errors[0]?.message ?? 'no audio frames found';
      throw new AudioSourceError('malformed_audio', `malformed MP3: ${detail}`);
    }
    return { sampleRate: result.sampleRate, channels: result.channelData.map((c) => c.subarray(0, result.samplesDecoded)) };
  } finally {
    decoder.free();
  }
}

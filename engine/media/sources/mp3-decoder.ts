import { setImmediate as yieldToEventLoop } from 'node:timers/promises';
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

/** Compressed bytes decoded between two yields to the event loop: half a second of 128 kbps audio, a few ms of CPU. */
const CHUNK_BYTES = 8 * 1024;

/**
 * Decodes a whole MPEG-1/2/2.5 Layer I/II/III file with libmpg123 compiled to WebAssembly (no native binary),
 * feeding the streaming decoder in chunks so that a long file does not hold the event loop.
 */
export async function decodeMp3(bytes: Uint8Array): Promise<DecodedAudio> {
  const decoder = new MPEGDecoder();
  try {
    await decoder.ready;
    const pieces: Float32Array[][] = [];
    let sampleRate = 0;
    let total = 0;
    let firstError: string | undefined;
    for (let offset = 0; offset < bytes.length; offset += CHUNK_BYTES) {
      const result = decoder.decode(bytes.subarray(offset, offset + CHUNK_BYTES));
      firstError ??= result.errors[0]?.message;
      if (result.samplesDecoded > 0) {
        sampleRate = result.sampleRate;
        total += result.samplesDecoded;
        pieces.push(result.channelData.map((c) => c.slice(0, result.samplesDecoded)));
      }
      await yieldToEventLoop();
    }
    if (total === 0) throw new AudioSourceError('malformed_audio', `malformed MP3: ${firstError ?? 'no audio frames found'}`);
    return { sampleRate, channels: joinPieces(pieces, total) };
  } finally {
    decoder.free();
  }
}

function joinPieces(pieces: Float32Array[][], total: number): Float32Array[] {
  const channelCount = Math.min(...pieces.map((p) => p.length));
  return Array.from({ length: channelCount }, (_, c) => {
    const channel = new Float32Array(total);
    let offset = 0;
    for (const piece of pieces) {
      channel.set(piece[c]!, offset);
      offset += piece[c]!.length;
    }
    return channel;
  });
}

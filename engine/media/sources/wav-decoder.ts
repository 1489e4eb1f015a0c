import { decodeAlawSample, decodeUlawSample } from '../codec/g711.js';
import { AudioSourceError } from './audio-source-error.js';
import type { DecodedAudio } from './decoded-audio.js';

/*
 * RIFF/WAVE (Microsoft Multimedia Programming Interface, 1991; WAVE_FORMAT_EXTENSIBLE from the 2001 update):
 *
 *   "RIFF" <u32 size> "WAVE"  then chunks: <4-char id> <u32 size> <data, padded to an even length>
 *   "fmt ": u16 formatTag, u16 channels, u32 sampleRate, u32 byteRate, u16 blockAlign, u16 bitsPerSample
 *           [u16 cbSize, u16 validBits, u32 channelMask, 16-byte SubFormat GUID whose first u16 is the real tag]
 *   "data": interleaved frames of blockAlign bytes
 *
 * Streamed WAV (espeak-ng --stdout, a recorder that was killed) leaves the sizes as 0 or 0xFFFFFFFF; the data then
 * runs to the end of the file, and that is how it is read here.
 */

const FORMAT_PCM = 0x0001;
const FORMAT_FLOAT = 0x0003;
const FORMAT_ALAW = 0x0006;
const FORMAT_MULAW = 0x0007;
const FORMAT_EXTENSIBLE = 0xfffe;

interface WavFormat {
  readonly tag: number;
  readonly channels: number;
  readonly sampleRate: number;
  readonly blockAlign: number;
  readonly bitsPerSample: number;
}

/** True when the bytes start like a RIFF/WAVE file. */
export function looksLikeWav(bytes: Uint8Array): boolean {
  return bytes.length >= 12 && ascii(bytes, 0, 4) === 'RIFF' && ascii(bytes, 8, 4) === 'WAVE';
}

/** Decodes PCM (8/16/24/32-bit integer, 32/64-bit float), mu-law and A-law WAV files. */
export function decodeWav(bytes: Uint8Array): DecodedAudio {
  if (!looksLikeWav(bytes)) throw malformed('not a RIFF/WAVE file');
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let format: WavFormat | undefined;
  let offset = 12;
  while (offset + 8 <= bytes.length) {
    const id = ascii(bytes, offset, 4);
    const declared = view.getUint32(offset + 4, true);
    const body = offset + 8;
    if (id === 'fmt ') {
      format = readFormat(view, body, declared);
    } else if (id === 'data') {
      if (!format) throw malformed('data chunk before fmt chunk');
      const streamed = declared === 0 || declared === 0xffffffff || body + declared > bytes.length;
      const size = streamed ? bytes.length - body : declared;
      return decodeSamples(view, body, size, format);
    }
    offset = body + declared + (declared & 1);
  }
  throw malformed(format ? 'no data chunk' : 'no fmt chunk');
}

function readFormat(view: DataView, at: number, size: number): WavFormat {
  if (size < 16 || at + 16 > view.byteLength) throw malformed('fmt chunk too short');
  let tag = view.getUint16(at, true);
  const channels = view.getUint16(at + 2, true);
  const sampleRate = view.getUint32(at + 4, true);
  const blockAlign = view.getUint16(at + 12, true);
  const bitsPerSample = view.getUint16(at + 14, true);
  if (tag === FORMAT_EXTENSIBLE) {
    if (size < 40 || at + 26 > view.byteLength) throw malformed('WAVE_FORMAT_EXTENSIBLE fmt chunk too short');
    tag = view.getUint16(at + 24, true);
  }
  if (channels < 1) throw malformed('zero channels');
  if (sampleRate < 1000 || sampleRate > 384_000) throw malformed(`implausible sample rate ${sampleRate}`);
  const bytesPerSample = Math.ceil(bitsPerSample / 8);
  if (blockAlign < bytesPerSample * channels) throw malformed(`block align ${blockAlign} too small for the format`);
  return { tag, channels, sampleRate, blockAlign, bitsPerSample };
}

type SampleReader = (view: DataView, at: number) => number;

function readerFor(format: WavFormat): SampleReader {
  const { tag, bitsPerSample: bits } = format;
  if (tag === FORMAT_PCM) {
    if (bits === 8) return (v, at) => (v.getUint8(at) - 128) / 128;
    if (bits === 16) return (v, at) => v.getInt16(at, true) / 32768;
    if (bits === 24) return (v, at) => ((v.getUint8(at) | (v.getUint8(at + 1) << 8) | (v.getInt8(at + 2) << 16)) / 8388608);
    if (bits === 32) return (v, at) => v.getInt32(at, true) / 2147483648;
  } else if (tag === FORMAT_FLOAT) {
    if (bits === 32) return (v, at) => v.getFloat32(at, true);
    if (bits === 64) return (v, at) => v.getFloat64(at, true);
  } else if (tag === FORMAT_MULAW && bits === 8) {
    return (v, at) => decodeUlawSample(v.getUint8(at)) / 32768;
  } else if (tag === FORMAT_ALAW && bits === 8) {
    return (v, at) => decodeAlawSample(v.getUint8(at)) / 32768;
  }
  throw new AudioSourceError('unsupported_format', `unsupported WAV encoding: format tag ${tag}, ${bits} bits`);
}

function decodeSamples(view: DataView, at: number, size: number, format: WavFormat): DecodedAudio {
  const read = readerFor(format);
  const frames = Math.floor(size / format.blockAlign);
  const bytesPerSample = Math.ceil(format.bitsPerSample / 8);
  const channels = Array.from({ length: format.channels }, () => new Float32Array(frames));
  for (let frame = 0; frame < frames; frame++) {
    const base = at + frame * format.blockAlign;
    for (let c = 0; c < format.channels; c++) channels[c]![frame] = read(view, base + c * bytesPerSample);
  }
  return { sampleRate: format.sampleRate, channels };
}

function ascii(bytes: Uint8Array, at: number, length: number): string {
  return String.fromCharCode(...bytes.subarray(at, at + length));
}

function malformed(reason: string): AudioSourceError {
  return new AudioSourceError('malformed_audio', `malformed WAV: ${reason}`);
}

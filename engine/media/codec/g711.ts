/**
 * ITU-T G.711 companding: mu-law (PCMU, RTP payload type 0) and A-law (PCMA, payload type 8), RFC 3551 section 4.5.14.
 *
 * The per-sample functions are the reference; the whole-frame functions use tables built from them once at load
 * (64 KiB per encoder, indexed by the raw 16-bit sample, so the table agrees with the reference for every input).
 */

const ULAW_BIAS = 0x84;
const ULAW_CLIP = 32635;

/** Encodes one signed 16-bit linear sample to a mu-law byte (G.711 table 2a, with the 0x84 bias). */
export function encodeUlawSample(sample: number): number {
  let magnitude = sample;
  let sign = 0;
  if (magnitude < 0) {
    sign = 0x80;
    magnitude = -magnitude;
  }
  if (magnitude > ULAW_CLIP) magnitude = ULAW_CLIP;
  magnitude += ULAW_BIAS;
  // The segment (exponent) is the position of the highest set bit above bit 7.
  let exponent = 7;
  for (let mask = 0x4000; (magnitude & mask) === 0 && exponent > 0; mask >>= 1) exponent--;
  const mantissa = (magnitude >> (exponent + 3)) & 0x0f;
  return ~(sign | (exponent << 4) | mantissa) & 0xff;
}

/** Decodes one mu-law byte to a signed 16-bit linear sample. */
export function decodeUlawSample(byte: number): number {
  const u = ~byte & 0xff;
  const exponent = (u >> 4) & 0x07;
  const mantissa = u & 0x0f;
  const magnitude = (((mantissa << 3) + ULAW_BIAS) << exponent) - ULAW_BIAS;
  return u & 0x80 ? 0 - magnitude : magnitude;
}

/** Encodes one signed 16-bit linear sample to an A-law byte (even bits inverted with 0x55, G.711 table 1a). */
export function encodeAlawSample(sample: number): number {
  let magnitude = sample;
  let signMask = 0xd5;
  if (magnitude < 0) {
    signMask = 0x55;
    magnitude = -magnitude - 1;
  }
  let segment = 0;
  for (let end = 0xff; magnitude > end && segment < 8; end = (end << 1) | 1) segment++;
  if (segment >= 8) return 0x7f ^ signMask;
  const shift = segment < 2 ? 4 : segment + 3;
  const code = (segment << 4) | ((magnitude >> shift) & 0x0f);
  return code ^ signMask;
}

/** Decodes one A-law byte to a signed 16-bit linear sample. */
export function decodeAlawSample(byte: number): number {
  const a = byte ^ 0x55;
  const segment = (a & 0x70) >> 4;
  let magnitude = (a & 0x0f) << 4;
  if (segment === 0) magnitude += 8;
  else magnitude = (magnitude + 0x108) << (segment - 1);
  return a & 0x80 ? magnitude : -magnitude;
}

function buildEncodeTable(encode: (sample: number) => number): Uint8Array {
  const table = new Uint8Array(65536);
  for (let i = 0; i < 65536; i++) table[i] = encode((i << 16) >> 16);
  return table;
}

function buildDecodeTable(decode: (byte: number) => number): Int16Array {
  const table = new Int16Array(256);
  for (let i = 0; i < 256; i++) table[i] = decode(i);
  return table;
}

const ulawEncodeTable = buildEncodeTable(encodeUlawSample);
const alawEncodeTable = buildEncodeTable(encodeAlawSample);
const ulawDecodeTable = buildDecodeTable(decodeUlawSample);
const alawDecodeTable = buildDecodeTable(decodeAlawSample);

function encodeWith(table: Uint8Array, pcm: Int16Array, out: Uint8Array): Uint8Array {
  for (let i = 0; i < pcm.length; i++) out[i] = table[pcm[i]! & 0xffff]!;
  return out;
}

function decodeWith(table: Int16Array, payload: Uint8Array, out: Int16Array): Int16Array {
  for (let i = 0; i < payload.length; i++) out[i] = table[payload[i]!]!;
  return out;
}

/** Encodes a frame of linear PCM to mu-law; writes into `out` when given (it must hold `pcm.length` bytes). */
export function encodeUlaw(pcm: Int16Array, out: Uint8Array = new Uint8Array(pcm.length)): Uint8Array {
  return encodeWith(ulawEncodeTable, pcm, out);
}

/** Decodes a mu-law payload to linear PCM; writes into `out` when given (it must hold `payload.length` samples). */
export function decodeUlaw(payload: Uint8Array, out: Int16Array = new Int16Array(payload.length)): Int16Array {
  return decodeWith(ulawDecodeTable, payload, out);
}

/** Encodes a frame of linear PCM to A-law; writes into `out` when given (it must hold `pcm.length` bytes). */
export function encodeAlaw(pcm: Int16Array, out: Uint8Array = new Uint8Array(pcm.length)): Uint8Array {
  return encodeWith(alawEncodeTable, pcm, out);
}

/** Decodes an A-law payload to linear PCM; writes into `out` when given (it must hold `payload.length` samples). */
export function decodeAlaw(payload: Uint8Array, out: Int16Array = new Int16Array(payload.length)): Int16Array {
  return decodeWith(alawDecodeTable, payload, out);
}

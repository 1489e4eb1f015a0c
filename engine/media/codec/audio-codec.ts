import { decodeAlaw, decodeUlaw, encodeAlaw, encodeUlaw } from './g711.js';

/** The audio codecs callscript speaks on RTP (DESIGN.md, "Media"): G.711 in both laws. */
export type AudioCodecName = 'PCMU' | 'PCMA';

export interface AudioCodec {
  readonly name: AudioCodecName;
  /** The static payload type of RFC 3551 table 4. */
  readonly staticPayloadType: number;
  readonly clockRate: 8000;
  encode(pcm: Int16Array, out?: Uint8Array): Uint8Array;
  decode(payload: Uint8Array, out?: Int16Array): Int16Array;
}

export const PCMU: AudioCodec = { name: 'PCMU', staticPayloadType: 0, clockRate: 8000, encode: encodeUlaw, decode: decodeUlaw };
export const PCMA: AudioCodec = { name: 'PCMA', staticPayloadType: 8, clockRate: 8000, encode: encodeAlaw, decode: decodeAlaw };

export function audioCodecByName(name: string): AudioCodec | undefined {
  const upper = name.toUpperCase();
  if (upper === 'PCMU') return PCMU;
  if (upper === 'PCMA') return PCMA;
  return undefined;
}

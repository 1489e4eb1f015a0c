import type { MediaDescription, SessionDescription } from 'sdp-transform';
import { audioCodecByName, PCMA, PCMU, type AudioCodec } from '../codec/audio-codec.js';
import type { MediaDirection } from './sdp-types.js';

/** What callscript understands of one audio m-line of the peer's SDP. */
export interface RemoteAudioLine {
  address: string;
  port: number;
  rtcpPort: number;
  /** Payload types in the peer's order of preference, with the codec each maps to (unknown ones left out). */
  audio: { payloadType: number; codec: AudioCodec }[];
  telephoneEventPayloadType: number | null;
  ptime: number | null;
  direction: MediaDirection;
}

const STATIC_CODECS = new Map<number, AudioCodec>([
  [0, PCMU],
  [8, PCMA],
]);

function payloadTypesOf(media: MediaDescription): number[] {
  return String(media.payloads ?? '')
    .trim()
    .split(/\s+/)
    .filter((token) => /^\d+$/.test(token))
    .map(Number);
}

/** Whether the m-line is RTP audio over plain RTP/AVP (no SRTP, no other transport) that we could accept. */
export function isPlainRtpAudio(media: MediaDescription): boolean {
  return media.type === 'audio' && /^RTP\/AVP$/i.test(media.protocol);
}

/**
 * Reads one audio m-line, with session-level fallbacks for `c=` and the direction (RFC 4566 section 5.7 and 6).
 * Payload types are mapped by `a=rtpmap` when present, else by the static table of RFC 3551.
 */
export function readAudioLine(session: SessionDescription, media: MediaDescription): RemoteAudioLine {
  const audio: RemoteAudioLine['audio'] = [];
  let telephoneEventPayloadType: number | null = null;
  for (const payloadType of payloadTypesOf(media)) {
    const rtpmap = media.rtp.find((entry) => entry.payload === payloadType);
    if (rtpmap) {
      const rate = rtpmap.rate ?? 8000;
      if (rtpmap.codec.toLowerCase() === 'telephone-event') {
        if (rate === 8000 && telephoneEventPayloadType === null) telephoneEventPayloadType = payloadType;
        continue;
      }
      const codec = audioCodecByName(rtpmap.codec);
      if (codec && rate === codec.clockRate) audio.push({ payloadType, codec });
      continue;
    }
    const codec = STATIC_CODECS.get(payloadType);
    if (codec) audio.push({ payloadType, codec });
  }
  let direction: MediaDirection = media.direction ?? session.direction ?? 'sendrecv';
  const address = media.connection?.ip ?? session.connection?.ip ?? '';
  // RFC 3264 section 8.4: an old-style hold sets c= to 0.0.0.0; the peer does not want our media.
  if (address === '0.0.0.0' && (direction === 'sendrecv' || direction === 'recvonly')) {
    direction = direction === 'sendrecv' ? 'sendonly' : 'inactive';
  }
  return {
    address,
    port: media.port,
    rtcpPort: media.rtcp?.port ?? media.port + 1,
    audio,
    telephoneEventPayloadType,
    ptime: media.ptime ?? null,
    direction,
  };
}

import type { AudioCodec, AudioCodecName } from '../codec/audio-codec.js';

/** RFC 3264 section 5.1 / RFC 4566 section 6: the direction of a media stream, seen from the side that writes it. */
export type MediaDirection = 'sendrecv' | 'sendonly' | 'recvonly' | 'inactive';

/** What this side offers or accepts. */
export interface LocalMediaOptions {
  /** The address that goes into `c=` (where the peer should send RTP). */
  address: string;
  /** The local RTP port (RTCP is the next one, RFC 3550 section 11). */
  port: number;
  /** Codecs in order of preference; default PCMU then PCMA. */
  codecs?: readonly AudioCodecName[];
  /** Offer/accept RFC 4733 telephone-event; default true. */
  telephoneEvent?: boolean;
  /** Dynamic payload type for telephone-event in our offers; default 101. */
  telephoneEventPayloadType?: number;
  /** Packetisation time we send with, in ms; only 20 is produced. */
  ptime?: number;
}

/** The audio stream both sides agreed on: everything an RTP endpoint needs to send and receive. */
export interface NegotiatedAudio {
  remoteAddress: string;
  remoteRtpPort: number;
  remoteRtcpPort: number;
  /** The codec we send (the first common one) and its payload type in this session. */
  codec: AudioCodec;
  payloadType: number;
  /** Every audio payload type the peer may send us, mapped to its codec (both laws may arrive). */
  receivePayloadTypes: ReadonlyMap<number, AudioCodec>;
  /** Payload type of telephone-event, or null when the peer did not agree to RFC 4733. */
  telephoneEventPayloadType: number | null;
  /** The peer's preferred packetisation, when it said (`a=ptime`). */
  remotePtime: number | null;
  /** Our direction: whether we send and whether we expect to receive. */
  direction: MediaDirection;
}

/** The media layer's verdict on an offer: an answer, or the 488 material for the SIP layer. */
export type SdpAnswerResult =
  | { ok: true; sdp: string; audio: NegotiatedAudio }
  | {
      ok: false;
      /** RFC 3261 section 21.4.26: 488 Not Acceptable Here. */
      status: 488;
      reason: string;
      /** RFC 3261 section 20.43: 304 "Media type not available" or 305 "Incompatible media format". */
      warningCode: 304 | 305;
    };

/** The result of applying the peer's answer to our offer. */
export type SdpApplyResult = { ok: true; audio: NegotiatedAudio } | { ok: false; reason: string };

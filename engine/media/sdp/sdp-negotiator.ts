import { parse, write, type MediaDescription, type SessionDescription } from 'sdp-transform';
import { PCMA, PCMU, audioCodecByName, type AudioCodec } from '../codec/audio-codec.js';
import { MediaError } from '../media-error.js';
import { answerDirection, directionAfterAnswer } from './media-direction.js';
import { isPlainRtpAudio, readAudioLine, type RemoteAudioLine } from './sdp-media-line.js';
import type { LocalMediaOptions, MediaDirection, NegotiatedAudio, SdpAnswerResult, SdpApplyResult } from './sdp-types.js';

/**
 * RFC 3264 offer/answer for one call leg's audio, in both roles. It keeps the leg's SDP origin: RFC 3264 section 8
 * requires the same `o=` session id in every SDP of the session, with the version incremented each time the
 * description changes (re-offers for hold and resume).
 */
export class SdpNegotiator {
  private readonly sessionId = String(Math.floor(Math.random() * 2 ** 31));
  private version = 0;
  /** The last description written, with version 0, to tell whether the next one changed. */
  private lastContent: string | null = null;
  /** The offer we sent and are waiting on an answer for (RFC 3264 section 5). */
  private pendingOffer: { direction: MediaDirection; codecs: AudioCodec[] } | null = null;
  private lastAnswer: { sdp: string; audio: NegotiatedAudio } | null = null;

  constructor(private local: LocalMediaOptions) {
    if ((local.ptime ?? 20) !== 20) throw new MediaError('invalid-argument', 'only 20 ms packetisation is produced');
  }

  /** Changes the local address or port for the next SDP (e.g. a new endpoint). */
  updateLocal(local: LocalMediaOptions): void {
    this.local = local;
  }

  /** An offer (initial or re-offer, e.g. `sendonly` to hold): every local codec, and telephone-event. */
  createOffer(direction: MediaDirection = 'sendrecv'): string {
    const codecs = this.localCodecs();
    this.pendingOffer = { direction, codecs };
    const payloads = codecs.map((codec) => ({ payloadType: codec.staticPayloadType, codec }));
    const telephoneEvent = this.local.telephoneEvent === false ? null : (this.local.telephoneEventPayloadType ?? 101);
    return this.write([this.audioLine(payloads, telephoneEvent, direction)]);
  }

  /**
   * Answers the peer's offer (RFC 3264 section 6): the first plain RTP audio stream with a codec in common is
   * accepted with that codec; every other m-line is refused with port 0 ("An offered stream MAY be rejected in the
   * answer, for any reason. If a stream is rejected, the offerer and answerer MUST NOT generate media ... To reject
   * an offered stream, the port number in the corresponding stream in the answer MUST be set to zero").
   * No acceptable audio stream at all is a 488 for the SIP layer to send.
   */
  answerOffer(offerSdp: string, wanted: MediaDirection = 'sendrecv'): SdpAnswerResult {
    let offer: SessionDescription;
    try {
      offer = parse(offerSdp);
    } catch {
      return { ok: false, status: 488, reason: 'unparseable SDP offer', warningCode: 305 };
    }
    if (!offer.media?.length) return { ok: false, status: 488, reason: 'SDP offer has no media', warningCode: 304 };
    const ours = new Set(this.localCodecs());
    let index = -1;
    let remote: RemoteAudioLine | null = null;
    let chosen: { payloadType: number; codec: AudioCodec } | undefined;
    for (let i = 0; i < offer.media.length && index < 0; i++) {
      const media = offer.media[i]!;
      if (media.port === 0 || !isPlainRtpAudio(media)) continue;
      const line = readAudioLine(offer, media);
      chosen = line.audio.find((entry) => ours.has(entry.codec));
      if (chosen && line.address) [index, remote] = [i, line];
    }
    if (!remote || !chosen) {
      const hasAudio = offer.media.some((m) => m.type === 'audio' && m.port !== 0);
      return hasAudio
        ? { ok: false, status: 488, reason: 'no common audio codec (PCMU, PCMA)', warningCode: 305 }
        : { ok: false, status: 488, reason: 'no audio stream offered', warningCode: 304 };
    }
    const direction = answerDirection(remote.direction, wanted);
    const telephoneEvent = this.local.telephoneEvent === false ? null : remote.telephoneEventPayloadType;
    const lines = offer.media.map((media, i) => (i === index ? this.audioLine([chosen], telephoneEvent, direction) : rejectedLine(media)));
    this.pendingOffer = null;
    const receivable = remote.audio.filter((entry) => ours.has(entry.codec));
    const audio = negotiated(remote, chosen, receivable, telephoneEvent, direction);
    return { ok: true, sdp: this.write(lines), audio };
  }

  /** Applies the peer's answer to our pending offer (RFC 3264 section 7). */
  applyAnswer(answerSdp: string): SdpApplyResult {
    const pending = this.pendingOffer;
    // The same answer again (a 200 OK repeating the SDP of a 183 with early media) confirms what was applied.
    if (!pending && answerSdp === this.lastAnswer?.sdp) return { ok: true, audio: this.lastAnswer.audio };
    if (!pending) return { ok: false, reason: 'no offer is pending' };
    let answer: SessionDescription;
    try {
      answer = parse(answerSdp);
    } catch {
      return { ok: false, reason: 'unparseable SDP answer' };
    }
    const media = answer.media?.[0];
    if (!media || media.type !== 'audio') return { ok: false, reason: 'the answer has no audio stream' };
    if (media.port === 0) return { ok: false, reason: 'the peer rejected the audio stream' };
    const remote = readAudioLine(answer, media);
    const offered = new Set(pending.codecs);
    const usable = remote.audio.filter((entry) => offered.has(entry.codec));
    if (usable.length === 0 || !remote.address) return { ok: false, reason: 'the answer has no codec we offered' };
    this.pendingOffer = null;
    const telephoneEvent = this.local.telephoneEvent === false ? null : remote.telephoneEventPayloadType;
    const direction = directionAfterAnswer(pending.direction, remote.direction);
    const audio = negotiated(remote, usable[0]!, usable, telephoneEvent, direction);
    this.lastAnswer = { sdp: answerSdp, audio };
    return { ok: true, audio };
  }

  private localCodecs(): AudioCodec[] {
    const names = this.local.codecs ?? ['PCMU', 'PCMA'];
    return names.map((name) => audioCodecByName(name) ?? PCMU);
  }

  private audioLine(
    payloads: { payloadType: number; codec: AudioCodec }[],
    telephoneEvent: number | null,
    direction: MediaDirection,
  ): MediaDescription {
    const rtp: MediaDescription['rtp'] = payloads.map(({ payloadType, codec }) => ({ payload: payloadType, codec: codec.name, rate: 8000 }));
    const fmtp: MediaDescription['fmtp'] = [];
    if (telephoneEvent !== null) {
      rtp.push({ payload: telephoneEvent, codec: 'telephone-event', rate: 8000 });
      // RFC 4733 section 7.1.1: events 0-15 are the DTMF digits.
      fmtp.push({ payload: telephoneEvent, config: '0-15' });
    }
    return {
      type: 'audio',
      port: this.local.port,
      protocol: 'RTP/AVP',
      payloads: rtp.map((entry) => entry.payload).join(' '),
      rtp,
      fmtp,
      ptime: this.local.ptime ?? 20,
      direction,
    };
  }

  private write(media: MediaDescription[]): string {
    const ipVer = this.local.address.includes(':') ? 6 : 4;
    const description: SessionDescription = {
      version: 0,
      origin: { username: 'callscript', sessionId: this.sessionId, sessionVersion: 0, netType: 'IN', ipVer, address: this.local.address },
      name: 'callscript',
      connection: { version: ipVer, ip: this.local.address },
      timing: { start: 0, stop: 0 },
      media,
    };
    const content = write(description);
    // RFC 3264 section 8: a changed description carries the next version; an unchanged one keeps it.
    if (this.lastContent !== null && content !== this.lastContent) this.version++;
    this.lastContent = content;
    // Version 0 is what was just written: a call's first SDP, the common case, needs no second write.
    if (this.version === 0) return content;
    description.origin.sessionVersion = this.version;
    return write(description);
  }
}

function rejectedLine(media: MediaDescription): MediaDescription {
  // RFC 3264 section 6: a rejected stream keeps its media type, transport and at least one format from the offer.
  const firstFormat = String(media.payloads ?? '0').trim().split(/\s+/)[0] || '0';
  return { type: media.type, port: 0, protocol: media.protocol, payloads: firstFormat, rtp: [], fmtp: [] };
}

function negotiated(
  remote: RemoteAudioLine,
  chosen: { payloadType: number; codec: AudioCodec },
  receivable: { payloadType: number; codec: AudioCodec }[],
  telephoneEventPayloadType: number | null,
  direction: MediaDirection,
): NegotiatedAudio {
  const receivePayloadTypes = new Map<number, AudioCodec>(receivable.map((e) => [e.payloadType, e.codec]));
  // Static payload types always mean their codec (RFC 3551); accept both laws if they arrive.
  if (!receivePayloadTypes.has(0)) receivePayloadTypes.set(0, PCMU);
  if (!receivePayloadTypes.has(8)) receivePayloadTypes.set(8, PCMA);
  return {
    remoteAddress: remote.address,
    remoteRtpPort: remote.port,
    remoteRtcpPort: remote.rtcpPort,
    codec: chosen.codec,
    payloadType: chosen.payloadType,
    receivePayloadTypes,
    telephoneEventPayloadType,
    remotePtime: remote.ptime,
    direction,
  };
}

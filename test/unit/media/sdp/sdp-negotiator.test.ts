import { parse } from 'sdp-transform';
import { describe, expect, it } from 'vitest';
import { SdpNegotiator } from '../../../../engine/media/sdp/sdp-negotiator.js';

const local = { address: '192.0.2.10', port: 20000 };

function offer(media: string[], session = 'c=IN IP4 198.51.100.7'): string {
  return ['v=0', 'o=peer 1 1 IN IP4 198.51.100.7', 's=-', session, 't=0 0', ...media, ''].join('\r\n');
}

const audio = (payloads: string, ...attributes: string[]) => [`m=audio 40000 RTP/AVP ${payloads}`, ...attributes];

describe('SdpNegotiator.answerOffer', () => {
  it('accepts PCMA when the offer prefers it, keeps telephone-event, and answers one codec', () => {
    const result = new SdpNegotiator(local).answerOffer(
      offer(audio('8 0 101', 'a=rtpmap:8 PCMA/8000', 'a=rtpmap:0 PCMU/8000', 'a=rtpmap:101 telephone-event/8000', 'a=fmtp:101 0-16', 'a=ptime:30')),
    );
    if (!result.ok) throw new Error(result.reason);
    expect(result.audio).toMatchObject({ remoteAddress: '198.51.100.7', remoteRtpPort: 40000, remoteRtcpPort: 40001, payloadType: 8, telephoneEventPayloadType: 101, remotePtime: 30, direction: 'sendrecv' });
    expect(result.audio.codec.name).toBe('PCMA');
    const answer = parse(result.sdp);
    expect(answer.media).toHaveLength(1);
    expect(answer.media[0]).toMatchObject({ type: 'audio', port: 20000, protocol: 'RTP/AVP', payloads: '8 101', ptime: 20, direction: 'sendrecv' });
    expect(answer.connection?.ip).toBe('192.0.2.10');
  });

  it('maps dynamic payload types by rtpmap and static ones without it', () => {
    const dynamic = new SdpNegotiator(local).answerOffer(offer(audio('96 97', 'a=rtpmap:96 opus/48000/2', 'a=rtpmap:97 PCMU/8000')));
    expect(dynamic.ok && dynamic.audio.payloadType).toBe(97);
    const bare = new SdpNegotiator(local).answerOffer(offer(audio('0')));
    expect(bare.ok && bare.audio.codec.name).toBe('PCMU');
    expect(bare.ok && bare.audio.telephoneEventPayloadType).toBeNull();
  });

  it('is 488 with warning 305 when no codec is common, and 304 when there is no audio', () => {
    expect(new SdpNegotiator(local).answerOffer(offer(audio('9 18', 'a=rtpmap:9 G722/8000', 'a=rtpmap:18 G729/8000')))).toMatchObject({ ok: false, status: 488, warningCode: 305 });
    expect(new SdpNegotiator(local).answerOffer(offer(['m=video 40002 RTP/AVP 96', 'a=rtpmap:96 VP8/90000']))).toMatchObject({ ok: false, status: 488, warningCode: 304 });
    expect(new SdpNegotiator(local).answerOffer('garbage')).toMatchObject({ ok: false, status: 488 });
  });

  it('answers unsupported media lines with port 0, in the offered order', () => {
    const result = new SdpNegotiator(local).answerOffer(
      offer(['m=video 40002 RTP/AVP 96', 'a=rtpmap:96 VP8/90000', 'm=audio 40004 RTP/SAVP 0', ...audio('0 8'), 'm=audio 40006 RTP/AVP 0']),
    );
    if (!result.ok) throw new Error(result.reason);
    const lines = parse(result.sdp).media.map((m) => `${m.type} ${m.port} ${m.protocol} ${m.payloads}`);
    expect(lines).toEqual(['video 0 RTP/AVP 96', 'audio 0 RTP/SAVP 0', 'audio 20000 RTP/AVP 0', 'audio 0 RTP/AVP 0']);
    expect(result.audio.remoteRtpPort).toBe(40000);
  });

  it('mirrors hold directions (RFC 3264 section 6.1), including old-style c=0.0.0.0', () => {
    const cases: [string, string][] = [['sendonly', 'recvonly'], ['recvonly', 'sendonly'], ['inactive', 'inactive'], ['sendrecv', 'sendrecv']];
    for (const [offered, answered] of cases) {
      const result = new SdpNegotiator(local).answerOffer(offer(audio('0', `a=${offered}`)));
      expect(result.ok && result.audio.direction).toBe(answered);
      expect(result.ok && parse(result.sdp).media[0]!.direction).toBe(answered);
    }
    const old = new SdpNegotiator(local).answerOffer(offer(audio('0'), 'c=IN IP4 0.0.0.0'));
    expect(old.ok && old.audio.direction).toBe('recvonly');
    const holding = new SdpNegotiator(local).answerOffer(offer(audio('0')), 'sendonly');
    expect(holding.ok && holding.audio.direction).toBe('sendonly');
  });
  it('speaks IPv6 when the addresses are IPv6', () => {
    const result = new SdpNegotiator({ address: '2001:db8::10', port: 20000 }).answerOffer(offer(audio('0'), 'c=IN IP6 2001:db8::7'));
    if (!result.ok) throw new Error(result.reason);
    expect(result.audio.remoteAddress).toBe('2001:db8::7');
    expect(result.sdp).toContain('c=IN IP6 2001:db8::10');
    expect(result.sdp).toContain('o=callscript');
  });
});

describe('SdpNegotiator offers', () => {
  it('offers PCMU, PCMA and telephone-event, then applies the answer', () => {
    const negotiator = new SdpNegotiator(local);
    const sdp = parse(negotiator.createOffer());
    expect(sdp.media[0]).toMatchObject({ port: 20000, payloads: '0 8 101', ptime: 20, direction: 'sendrecv' });
    expect(sdp.media[0]!.fmtp).toEqual([{ payload: 101, config: '0-15' }]);
    const applied = negotiator.applyAnswer(offer(audio('8 101', 'a=rtpmap:101 telephone-event/8000', 'a=recvonly')));
    if (!applied.ok) throw new Error(applied.reason);
    expect(applied.audio).toMatchObject({ payloadType: 8, telephoneEventPayloadType: 101, direction: 'sendonly', remoteRtpPort: 40000 });
    // A 200 OK repeating the answer of a 183 confirms it.
    expect(negotiator.applyAnswer(offer(audio('8 101', 'a=rtpmap:101 telephone-event/8000', 'a=recvonly')))).toEqual(applied);
    expect(negotiator.applyAnswer(offer(audio('8')))).toEqual({ ok: false, reason: 'no offer is pending' });
  });

  it('refuses an answer that rejects the stream or picks a codec never offered', () => {
    const rejected = new SdpNegotiator(local);
    rejected.createOffer();
    expect(rejected.applyAnswer(offer(['m=audio 0 RTP/AVP 0']))).toMatchObject({ ok: false });
    const foreign = new SdpNegotiator({ ...local, codecs: ['PCMA'] });
    foreign.createOffer();
    expect(foreign.applyAnswer(offer(audio('0')))).toMatchObject({ ok: false, reason: 'the answer has no codec we offered' });
  });

  it('keeps the o= session id and bumps its version only when the description changes', () => {
    const negotiator = new SdpNegotiator(local);
    const first = parse(negotiator.createOffer()).origin;
    const same = parse(negotiator.createOffer()).origin;
    const hold = parse(negotiator.createOffer('sendonly')).origin;
    expect(same).toEqual(first);
    expect(hold.sessionId).toBe(first.sessionId);
    expect(hold.sessionVersion).toBe(first.sessionVersion + 1);
  });
});

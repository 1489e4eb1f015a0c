import { afterEach, describe, expect, it } from 'vitest';
import { decodeAlaw, decodeUlaw, encodeUlaw } from '../../../../engine/media/codec/g711.js';
import type { DtmfEvent } from '../../../../engine/media/dtmf/dtmf-types.js';
import { MediaError } from '../../../../engine/media/media-error.js';
import { TelephoneEvent } from '../../../../engine/media/dtmf/telephone-event.js';
import { parseRtcp } from '../../../../engine/media/rtp/rtcp-packet.js';
import { RtpPacket } from '../../../../engine/media/rtp/rtp-packet.js';
import { CollectingSink, EndpointHarness, ToneSource } from './endpoint-harness.js';

let harness: EndpointHarness;
afterEach(() => harness?.close());

describe('RtpEndpoint between two call legs on loopback', () => {
  it('sends a source paced at 20 ms, and the peer decodes what was sent', async () => {
    harness = new EndpointHarness(41000);
    const [a, b] = await harness.pair();
    const source = new ToneSource();
    a.setInputSource(source);
    const aTap = new CollectingSink();
    const bTap = new CollectingSink();
    a.addSink(aTap);
    b.addSink(bTap);
    const firsts: string[] = [];
    b.delegate = { onFirstAudioPacket: () => firsts.push('first') };
    await harness.run(400);
    expect(source.pulled).toBeGreaterThanOrEqual(19);
    expect(a.stats.packetsSent).toBe(source.pulled);
    expect(b.stats.packetsReceived).toBe(a.stats.packetsSent);
    expect(b.stats.packetsLost).toBe(0);
    expect(firsts).toEqual(['first']);
    // What B received is exactly what A sent, after one G.711 round trip.
    expect(bTap.frames.received.map((f) => Array.from(f))).toEqual(aTap.frames.sent.map((f) => Array.from(decodeUlaw(encodeUlaw(f)))));
  });

  it('sets the marker on the first packet of each talk spurt', async () => {
    harness = new EndpointHarness(41100);
    const a = await harness.endpoint();
    const peer = await harness.rawPeer();
    a.configure({ ...(await negotiatedTo(peer.port)) });
    let talking = true;
    const tone = new ToneSource();
    a.setInputSource({ readFrame: () => (talking ? tone.readFrame() : null) });
    await harness.run(100);
    talking = false;
    await harness.run(100);
    talking = true;
    await harness.run(100);
    const packets = peer.received.map((d) => RtpPacket.parse(d));
    const markers = packets.map((p) => p.marker);
    expect(markers[0]).toBe(true);
    expect(markers.filter(Boolean)).toHaveLength(2);
    const spurt = markers.lastIndexOf(true);
    // Timestamps count the silent time; sequence numbers do not skip.
    expect(packets[spurt]!.timestamp - packets[spurt - 1]!.timestamp).toBeGreaterThan(160);
    expect((packets[spurt]!.sequenceNumber - packets[spurt - 1]!.sequenceNumber) & 0xffff).toBe(1);
  });

  it('latches to the real source and drops packets from anyone else, counting them', async () => {
    harness = new EndpointHarness(41200);
    const [a, b] = await harness.pair();
    a.setInputSource(new ToneSource());
    await harness.run(100);
    expect(b.remote).toEqual({ address: '127.0.0.1', port: a.localPort });
    const intruder = await harness.rawPeer();
    const sink = new CollectingSink();
    b.addSink(sink);
    const forged = new RtpPacket(0, 1, 1, 1234, new Uint8Array(160)).serialize();
    for (let i = 0; i < 5; i++) intruder.socket.send(forged, b.localPort, '127.0.0.1');
    const before = b.stats.packetsReceived;
    await harness.run(100);
    expect(b.stats.foreignSource).toBe(5);
    expect(b.stats.packetsReceived - before).toBe(sink.frames.received.length);
    expect(b.remote).toEqual({ address: '127.0.0.1', port: a.localPort });
  });

  it('counts malformed datagrams and unknown payload types without disturbing this or other calls', async () => {
    harness = new EndpointHarness(41300);
    const [a, b] = await harness.pair();
    const [c, d] = await harness.pair();
    const peer = await harness.rawPeer();
    // Garbage before any real media arrives (so B has not latched yet).
    for (const junk of [Buffer.from('hello'), Buffer.alloc(11), Buffer.from([0x40, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0])]) peer.socket.send(junk, b.localPort, '127.0.0.1');
    peer.socket.send(new RtpPacket(99, 1, 1, 1, new Uint8Array(20)).serialize(), b.localPort, '127.0.0.1');
    peer.socket.send(Buffer.from([0x81, 0xc9, 0, 9]), b.localPort + 1, '127.0.0.1');
    await harness.run(40);
    expect(b.stats).toMatchObject({ malformed: 3, unknownPayloadType: 1, rtcpMalformed: 1, packetsReceived: 0 });
    a.setInputSource(new ToneSource());
    c.setInputSource(new ToneSource());
    await harness.run(200);
    expect(b.stats.packetsReceived).toBeGreaterThan(5);
    expect(b.remote?.port).toBe(a.localPort);
    expect(d.stats.packetsReceived).toBe(c.stats.packetsSent);
    expect(d.stats).toMatchObject({ malformed: 0, unknownPayloadType: 0, foreignSource: 0 });
  });

  it('survives a throwing delegate and a throwing sink, counting them, and keeps delivering to the others', async () => {
    harness = new EndpointHarness(41350);
    const [a, b] = await harness.pair();
    const good = new CollectingSink();
    b.addSink({ writeFrame: () => { throw new Error('sink bug'); } });
    b.addSink(good);
    b.delegate = { onFirstAudioPacket: () => { throw new Error('listener bug'); } };
    a.setInputSource(new ToneSource());
    await harness.run(200);
    expect(b.stats.delegateErrors).toBe(1);
    expect(b.stats.sinkErrors).toBe(b.stats.packetsReceived);
    expect(good.frames.received.length).toBe(b.stats.packetsReceived);
    expect(b.stats.packetsReceived).toBeGreaterThan(5);
  });

  it('reports RFC 4733 digits once each with type 1, and then stops in-band detection', async () => {
    harness = new EndpointHarness(41400);
    const [a, b] = await harness.pair();
    const digits: DtmfEvent[] = [];
    b.delegate = { onDtmf: (event) => digits.push(event) };
    b.setInbandDtmfDetection(true);
    a.setInputSource(new ToneSource());
    a.sendDigits('1p#9');
    await harness.run(2000);
    expect(digits).toEqual([{ digit: '1', type: 1 }, { digit: '#', type: 1 }, { digit: '9', type: 1 }]);
    expect(b.inbandDtmfDetection).toBe(false);
  });

  it('puts RFC 4733 events on the wire as the RFC says: one timestamp per event, marker first, three ends', async () => {
    harness = new EndpointHarness(41450);
    const a = await harness.endpoint();
    const peer = await harness.rawPeer();
    a.configure(await negotiatedTo(peer.port));
    a.setInputSource(new ToneSource());
    await harness.run(100);
    a.sendDigits('7');
    await harness.run(400);
    const packets = peer.received.map((d) => RtpPacket.parse(d));
    const events = packets.filter((p) => p.payloadType === 101);
    expect(events).toHaveLength(7);
    expect(new Set(events.map((p) => p.timestamp)).size).toBe(1);
    expect(events.map((p) => p.marker)).toEqual([true, false, false, false, false, false, false]);
    expect(events.map((p) => TelephoneEvent.parse(p.payload)!.end)).toEqual([false, false, false, false, true, true, true]);
    expect(events.every((p) => TelephoneEvent.parse(p.payload)!.event === 7)).toBe(true);
    // Sequence numbers run on without a gap across audio, events and audio again.
    packets.forEach((p, i) => i > 0 && expect((p.sequenceNumber - packets[i - 1]!.sequenceNumber) & 0xffff).toBe(1));
    const firstAudioAfter = packets.findIndex((p, i) => i > packets.indexOf(events.at(-1)!) && p.payloadType === 0);
    expect(packets[firstAudioAfter]!.marker).toBe(true);
  });

  it('sends in-band tones without telephone-event, detected as type 2 when asked', async () => {
    harness = new EndpointHarness(41500);
    const [a, b] = await harness.pair({ telephoneEvent: false });
    const digits: DtmfEvent[] = [];
    b.delegate = { onDtmf: (event) => digits.push(event) };
    b.setInbandDtmfDetection(true);
    a.sendDigits('47');
    await harness.run(800);
    expect(digits).toEqual([{ digit: '4', type: 2 }, { digit: '7', type: 2 }]);
  });

  it('signals media stopped after 7 s without RTP, and resumed when packets return', async () => {
    harness = new EndpointHarness(41600);
    const b = await harness.endpoint();
    const peer = await harness.rawPeer();
    b.configure(await negotiatedTo(peer.port));
    const signals: string[] = [];
    b.delegate = { onFirstAudioPacket: () => signals.push('first'), onMediaStopped: () => signals.push('stopped'), onMediaResumed: () => signals.push('resumed') };
    let seq = 0;
    const talk = async (ms: number) => {
      for (let t = 0; t < ms; t += 20, seq++) {
        peer.socket.send(new RtpPacket(0, seq, seq * 160, 9, new Uint8Array(160)).serialize(), b.localPort, '127.0.0.1');
        await harness.run(20);
      }
    };
    await talk(200);
    await harness.run(6800);
    expect(signals).toEqual(['first']);
    await harness.run(400);
    expect(signals).toEqual(['first', 'stopped']);
    await talk(100);
    expect(signals).toEqual(['first', 'stopped', 'resumed']);
  });

  it('keeps sending RTCP while it sends no audio (RFC 3264 section 5.1); the held peer sees its RTP stop', async () => {
    harness = new EndpointHarness(41650);
    const [a, b] = await harness.pair();
    const signals: string[] = [];
    b.delegate = { onMediaStopped: () => signals.push('stopped'), onMediaResumed: () => signals.push('resumed') };
    a.setInputSource(new ToneSource());
    await harness.run(200);
    const audio = harness.negotiated.get(a)!;
    a.configure({ ...audio, direction: 'inactive' });
    const sent = a.stats.packetsSent;
    await harness.run(15_000);
    expect(a.stats.packetsSent).toBe(sent);
    expect(b.stats.rtcpReceived).toBeGreaterThanOrEqual(2);
    expect(signals).toEqual(['stopped']);
    a.configure(audio);
    await harness.run(100);
    expect(signals).toEqual(['stopped', 'resumed']);
  });

  it('sends RTCP sender reports carrying the loss and jitter it measured', async () => {
    harness = new EndpointHarness(41700);
    const a = await harness.endpoint();
    const rtpPeer = await harness.rawPeer();
    const rtcpPeer = await harness.rawPeer();
    a.configure({ ...(await negotiatedTo(rtpPeer.port)), remoteRtcpPort: rtcpPeer.port });
    a.setInputSource(new ToneSource());
    for (let seq = 0; seq < 100; seq++) {
      // Two packets lost: sequence numbers 50 and 51.
      if (seq !== 50 && seq !== 51) rtpPeer.socket.send(new RtpPacket(0, seq, seq * 160, 77, new Uint8Array(160)).serialize(), a.localPort, '127.0.0.1');
      await harness.run(20);
    }
    await harness.run(6000);
    const reports = rtcpPeer.received.flatMap((d) => parseRtcp(d));
    const sr = reports.find((p) => p.type === 'sr');
    if (sr?.type !== 'sr') throw new Error('no SR received');
    expect(sr.sender.packetCount).toBeGreaterThan(90);
    expect(sr.reports[0]).toMatchObject({ ssrc: 77, cumulativeLost: 2, extendedHighestSequence: 99 });
    expect(sr.reports[0]!.jitter).toBeGreaterThanOrEqual(0);
    expect(reports.some((p) => p.type === 'sdes' && p.chunks[0]!.items[0]!.text === `callscript@${a.localPort}`)).toBe(true);
    a.close();
    await harness.run(40);
    const last = parseRtcp(rtcpPeer.received.at(-1)!);
    expect(last.at(-1)).toMatchObject({ type: 'raw', packetType: 203 });
  });

  it('returns its ports on close, twice-safe, and refuses use afterwards', async () => {
    harness = new EndpointHarness(41800);
    const [a, b] = await harness.pair();
    a.setInputSource(new ToneSource());
    await harness.run(100);
    expect(harness.pool.inUse).toBe(2);
    a.close();
    a.close();
    b.close();
    expect(harness.pool.inUse).toBe(0);
    expect(harness.scheduler.streamCount).toBe(0);
    expect(() => a.sendDigits('1')).toThrow(MediaError);
  });
});

describe('sendMediaTo between calls', () => {
  it('forwards same-codec payloads untouched and transcodes PCMU to PCMA', async () => {
    harness = new EndpointHarness(41900);
    const caller = await harness.rawPeer();
    const calleeU = await harness.rawPeer();
    const calleeA = await harness.rawPeer();
    const inbound = await harness.endpoint();
    const outU = await harness.endpoint();
    const outA = await harness.endpoint();
    inbound.configure(await negotiatedTo(caller.port, 'PCMU'));
    outU.configure(await negotiatedTo(calleeU.port, 'PCMU'));
    outA.configure(await negotiatedTo(calleeA.port, 'PCMA'));
    inbound.sendMediaTo(outU);
    inbound.sendMediaTo(outA);
    const payloads: Uint8Array[] = [];
    for (let seq = 0; seq < 20; seq++) {
      const payload = Uint8Array.from({ length: 160 }, (_, i) => (seq * 7 + i * 13) & 0xff);
      payloads.push(payload);
      caller.socket.send(new RtpPacket(0, seq, seq * 160, 42, payload).serialize(), inbound.localPort, '127.0.0.1');
      await harness.run(20);
    }
    await harness.run(100);
    const forwarded = calleeU.received.map((d) => RtpPacket.parse(d));
    expect(forwarded.length).toBeGreaterThanOrEqual(18);
    expect(forwarded.every((p) => p.payloadType === 0)).toBe(true);
    const firstIndex = payloads.findIndex((p) => Buffer.from(p).equals(Buffer.from(forwarded[0]!.payload)));
    forwarded.forEach((p, i) => expect(Buffer.from(p.payload).equals(Buffer.from(payloads[firstIndex + i]!))).toBe(true));
    const transcoded = calleeA.received.map((d) => RtpPacket.parse(d));
    expect(transcoded.every((p) => p.payloadType === 8)).toBe(true);
    transcoded.forEach((p, i) => {
      const original = decodeUlaw(payloads[firstIndex + i]!);
      const decoded = decodeAlaw(p.payload);
      for (let s = 0; s < 160; s++) expect(Math.abs(decoded[s]! - original[s]!)).toBeLessThanOrEqual(Math.max(16, Math.abs(original[s]!) / 16));
    });
  });

  it('gives each target only the newest stream, and stopMediaTo ends the route', async () => {
    harness = new EndpointHarness(42000);
    const [a, b] = await harness.pair();
    const [c] = await harness.pair();
    b.sendMediaTo(c);
    const route = c.inputSource;
    const player = new ToneSource();
    c.setInputSource(player);
    a.setInputSource(new ToneSource());
    await harness.run(200);
    expect(c.inputSource).toBe(player);
    expect(player.pulled).toBeGreaterThan(5);
    b.sendMediaTo(c);
    expect(c.inputSource).not.toBe(player);
    expect(c.inputSource).not.toBe(route);
    b.stopMediaTo(c);
    expect(c.inputSource).toBeNull();
    expect(() => b.sendMediaTo(b)).toThrow(MediaError);
  });
});

async function negotiatedTo(port: number, codec: 'PCMU' | 'PCMA' = 'PCMU') {
  const { SdpNegotiator } = await import('../../../../engine/media/sdp/sdp-negotiator.js');
  const peer = new SdpNegotiator({ address: '127.0.0.1', port, codecs: [codec] });
  const ours = new SdpNegotiator({ address: '127.0.0.1', port: 1 });
  const answer = ours.answerOffer(peer.createOffer());
  if (!answer.ok) throw new Error(answer.reason);
  return answer.audio;
}

import { describe, expect, it } from 'vitest';
import { DtmfSender } from '../../../../engine/media/dtmf/dtmf-sender.js';
import { Rfc4733Receiver } from '../../../../engine/media/dtmf/rfc4733-receiver.js';
import { TelephoneEvent } from '../../../../engine/media/dtmf/telephone-event.js';
import { RtpPacket } from '../../../../engine/media/rtp/rtp-packet.js';
import { readPcapUdpPayloads } from '../pcap-udp.js';

const fixture = (name: string) => new URL(`../../../fixtures/media/${name}`, import.meta.url).pathname;

describe('RFC 4733 telephone events', () => {
  it('round-trips the event payload', () => {
    const event = new TelephoneEvent(11, true, 10, 1120);
    expect(Array.from(event.serialize())).toEqual([11, 0x8a, 0x04, 0x60]);
    expect(TelephoneEvent.parse(event.serialize())).toEqual(event);
    expect(TelephoneEvent.parse(new Uint8Array(3))).toBeNull();
  });

  it('reports one digit for sipp dtmf_2833_1.pcap, despite its updates and three end packets', () => {
    const receiver = new Rfc4733Receiver();
    const digits = readPcapUdpPayloads(fixture('dtmf_2833_1.pcap'))
      .map(({ payload }) => RtpPacket.parse(payload))
      .map((packet) => receiver.receive(packet.timestamp, packet.payload))
      .filter((digit) => digit !== null);
    expect(digits).toEqual(['1']);
  });

  it('reports the same digit again for a new event, and counts non-DTMF events', () => {
    const receiver = new Rfc4733Receiver();
    const start = new TelephoneEvent(5, false, 10, 160).serialize();
    expect(receiver.receive(1000, start)).toBe('5');
    expect(receiver.receive(1000, start)).toBeNull();
    expect(receiver.receive(2600, start)).toBe('5');
    expect(receiver.receive(4000, new TelephoneEvent(66, false, 10, 160).serialize())).toBeNull();
    expect(receiver.ignored).toBe(1);
  });
});

describe('DtmfSender', () => {
  it('sends each digit as updates every 20 ms then three end packets, all with the start timestamp', () => {
    const sender = new DtmfSender({ toneMs: 100, gapMs: 40, pauseMs: 500 });
    sender.enqueue('1#');
    const out = Array.from({ length: 24 }, (_, i) => sender.next(100 + i, true));
    const events = out.map((o) => (o?.kind === 'event' ? { ...TelephoneEvent.parse(o.payload)!, start: o.startFrame, marker: o.marker } : null));
    expect(events.slice(0, 7)).toEqual([
      { event: 1, end: false, volume: 10, duration: 160, start: 100, marker: true },
      { event: 1, end: false, volume: 10, duration: 320, start: 100, marker: false },
      { event: 1, end: false, volume: 10, duration: 480, start: 100, marker: false },
      { event: 1, end: false, volume: 10, duration: 640, start: 100, marker: false },
      { event: 1, end: true, volume: 10, duration: 800, start: 100, marker: false },
      { event: 1, end: true, volume: 10, duration: 800, start: 100, marker: false },
      { event: 1, end: true, volume: 10, duration: 800, start: 100, marker: false },
    ]);
    expect(events.slice(7, 9)).toEqual([null, null]);
    expect(events[9]).toMatchObject({ event: 11, start: 109, marker: true });
    expect(sender.busy).toBe(false);
  });

  it('waits for p, and falls back to in-band tones without telephone-event', () => {
    const sender = new DtmfSender({ toneMs: 40, gapMs: 20, pauseMs: 500 });
    sender.enqueue('p1');
    const out = Array.from({ length: 30 }, (_, i) => sender.next(i, false));
    expect(out.slice(0, 25).every((o) => o === null)).toBe(true);
    expect(out[25]?.kind).toBe('tone');
    expect(out[26]?.kind).toBe('tone');
    expect(out[27]).toBeNull();
  });

  it('refuses characters it cannot send, naming them', () => {
    expect(() => new DtmfSender().enqueue('12x')).toThrow(/"x"/);
  });
});

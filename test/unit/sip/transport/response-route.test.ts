import { describe, expect, it } from 'vitest';
import { parseVia } from '../../../../engine/sip/message/via.js';
import { responseRoute, stampReceived } from '../../../../engine/sip/transport/response-route.js';
import type { MessageSource } from '../../../../engine/sip/transport/transport-types.js';

const udp: MessageSource = { protocol: 'udp', remoteAddress: '203.0.113.9', remotePort: 40123, localAddress: '127.0.0.1', localPort: 5060 };

describe('responseRoute (RFC 3261 18.2.2, RFC 3581 4)', () => {
  it('sends to received and the sent-by port when there is no rport', () => {
    const via = parseVia('SIP/2.0/UDP pc.example.com:5070;branch=z9hG4bK1;received=203.0.113.9');
    expect(responseRoute(via, udp)).toEqual({ protocol: 'udp', host: '203.0.113.9', port: 5070 });
  });

  it('sends to the source address and port when rport was asked for', () => {
    const via = parseVia('SIP/2.0/UDP pc.example.com:5070;branch=z9hG4bK1;rport=40123;received=203.0.113.9');
    expect(responseRoute(via, udp)).toEqual({ protocol: 'udp', host: '203.0.113.9', port: 40123 });
  });

  it('defaults the port to 5060 and honours maddr', () => {
    expect(responseRoute(parseVia('SIP/2.0/UDP 203.0.113.9;branch=z9hG4bK1'), udp).port).toBe(5060);
    expect(responseRoute(parseVia('SIP/2.0/UDP pc.example.com;branch=z9hG4bK1;maddr=239.1.1.1'), udp)).toMatchObject({ host: '239.1.1.1', port: 5060 });
  });

  it('answers over the same connection on a stream transport', () => {
    const tcp: MessageSource = { ...udp, protocol: 'tcp', connectionId: 7 };
    expect(responseRoute(parseVia('SIP/2.0/TCP pc.example.com;branch=z9hG4bK1'), tcp)).toEqual({
      protocol: 'tcp',
      host: '203.0.113.9',
      port: 40123,
      connectionId: 7,
    });
  });

  it('forceRport answers to the source even without rport', () => {
    expect(responseRoute(parseVia('SIP/2.0/UDP pc.example.com:5070;branch=z9hG4bK1'), udp, true).port).toBe(40123);
  });
});

describe('stampReceived (RFC 3261 18.2.1)', () => {
  it('adds received when sent-by is a name or another address, and fills an empty rport', () => {
    expect(stampReceived(parseVia('SIP/2.0/UDP pc.example.com;branch=z9hG4bK1;rport'), udp)).toMatchObject({
      received: '203.0.113.9',
      rport: '40123',
    });
  });

  it('leaves a Via whose sent-by is the source address alone', () => {
    expect(stampReceived(parseVia('SIP/2.0/UDP 203.0.113.9:40123;branch=z9hG4bK1'), udp)).toBeUndefined();
  });
});

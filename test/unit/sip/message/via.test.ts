import { describe, expect, it } from 'vitest';
import { createVia, formatVia, parseVia, parseViaList, SipParseError } from '../../../../engine/sip/message/index.js';

describe('parseVia', () => {
  it('reads sent-protocol, sent-by and the well-known parameters', () => {
    expect(parseVia('SIP/2.0/udp pc33.atlanta.com:5066;branch=z9hG4bK776asdhds;received=192.0.2.1;rport=5067;maddr=224.2.0.1;ttl=16')).toEqual({
      protocolName: 'SIP',
      protocolVersion: '2.0',
      transport: 'UDP',
      host: 'pc33.atlanta.com',
      port: 5066,
      params: { branch: 'z9hG4bK776asdhds', received: '192.0.2.1', rport: '5067', maddr: '224.2.0.1', ttl: '16' },
      branch: 'z9hG4bK776asdhds',
      received: '192.0.2.1',
      rport: 5067,
      maddr: '224.2.0.1',
      ttl: 16,
    });
  });

  it('reads an rport request without a value as null (RFC 3581 3)', () => {
    expect(parseVia('SIP/2.0/UDP h;rport;branch=z9hG4bKx').rport).toBeNull();
    expect(parseVia('SIP/2.0/UDP h;branch=z9hG4bKx').rport).toBeUndefined();
  });

  it('reads IPv6 sent-by and whitespace around separators (RFC 4475 3.1.1.1)', () => {
    expect(parseVia('SIP  /   2.0 / TCP   [2001:db8::9:1] : 5061 ; branch = z9hG4bK1')).toMatchObject({ transport: 'TCP', host: '[2001:db8::9:1]', port: 5061, branch: 'z9hG4bK1' });
  });

  it('accepts an underscore in the sent-by host', () => {
    expect(parseVia('SIP/2.0/UDP sbc_1.example.com:5060;branch=z9hG4bK1').host).toBe('sbc_1.example.com');
  });

  it('splits comma-combined values', () => {
    expect(parseViaList('SIP/2.0/UDP a;branch=z9hG4bK1 , SIP/2.0/SCTP b:5060;branch=z9hG4bK2').map((via) => via.transport)).toEqual(['UDP', 'SCTP']);
  });

  it.each([
    'SIP/2.0/UDP',
    'SIP/2.0 host',
    'SIP/2.0/UDP host:70000',
    'SIP/2.0/UDP host;branch',
    'SIP/2.0/UDP host;rport=abc',
    'SIP/2.0/UDP host;ttl=300',
    'SIP/2.0/UDP 192.0.2.15;;',
    'SIP/2.0/UDP host extra',
    'SIP/2.0/UDP [::1',
  ])('refuses %j', (text) => {
    expect(() => parseVia(text)).toThrow(SipParseError);
  });
});

describe('createVia / formatVia', () => {
  it('builds a Via with branch and an rport request, and round-trips', () => {
    const via = createVia({ transport: 'udp', host: '192.0.2.1', port: 5060, branch: 'z9hG4bKabc', rport: true });
    expect(formatVia(via)).toBe('SIP/2.0/UDP 192.0.2.1:5060;branch=z9hG4bKabc;rport');
    expect(parseVia(formatVia(via))).toEqual(via);
  });
});

import { describe, expect, it } from 'vitest';
import { formatUri, parseUri, sipUri, SipParseError } from '../../../../engine/sip/message/index.js';

describe('parseUri', () => {
  it('reads every part of a SIP URI (RFC 3261 19.1.1)', () => {
    expect(parseUri('sips:alice:pw@atlanta.example.com:5061;transport=TCP;lr;maddr=239.255.255.1?subject=project%20x&priority=urgent')).toEqual({
      scheme: 'sips',
      user: 'alice',
      password: 'pw',
      host: 'atlanta.example.com',
      port: 5061,
      params: { transport: 'TCP', lr: null, maddr: '239.255.255.1' },
      headers: { subject: ['project%20x'], priority: ['urgent'] },
    });
  });

  it('lower-cases the scheme and parameter names, keeps host and values as written', () => {
    expect(parseUri('SIP:Bob@BILOXI.com;Transport=UDP')).toMatchObject({ scheme: 'sip', user: 'Bob', host: 'BILOXI.com', params: { transport: 'UDP' } });
  });

  it('reads IPv4 and IPv6 hosts with ports', () => {
    expect(parseUri('sip:192.0.2.4:5070')).toMatchObject({ host: '192.0.2.4', port: 5070, user: undefined });
    expect(parseUri('sip:alice@[2001:db8::10]:5060;transport=tcp')).toMatchObject({ host: '[2001:db8::10]', port: 5060 });
    expect(parseUri('sip:[::1]')).toMatchObject({ host: '[::1]', port: undefined });
  });

  it('accepts an underscore in a host name, as deployed equipment sends it', () => {
    expect(parseUri('sip:alice@sbc_1.example.com')).toMatchObject({ host: 'sbc_1.example.com' });
  });

  it('unescapes user and password once; a user may hold ; ? / (RFC 4475 3.1.1.9)', () => {
    expect(parseUri('sip:%61lice@atlanta.com')).toMatchObject({ user: 'alice' });
    expect(parseUri('sip:user;par=u%40example.net@example.com')).toMatchObject({ user: 'user;par=u@example.net', host: 'example.com' });
    expect(parseUri('sip:value%25%34%31@h')).toMatchObject({ user: 'value%41' });
    expect(parseUri('sip:%E2%82%AC@h')).toMatchObject({ user: '€' });
  });

  it('keeps other schemes opaque', () => {
    expect(parseUri('tel:+1-201-555-0123;phone-context=example.com')).toEqual({ scheme: 'tel', opaque: '+1-201-555-0123;phone-context=example.com' });
    expect(parseUri('nobodyKnowsThisScheme:totallyopaquecontent')).toEqual({ scheme: 'nobodyknowsthisscheme', opaque: 'totallyopaquecontent' });
  });

  it.each([
    'sip:',
    'sip:@host',
    'sip:user@',
    'sip:user@host:',
    'sip:user@host:99999',
    'sip:user@host:12a',
    'sip:user@ho st',
    'sip:user@host; lr',
    'sip:user@-host',
    'sip:user@host..com',
    'sip:user@[::1',
    'sip:us"er@host',
    'sip:user@host;=x',
    'sip:user@host?noequals',
    'sip:user@host;a=%zz',
    'sip:user@host>',
    '<sip:user@host>',
    'nocolon',
    '1sip:x',
    'http:',
    'http:a b',
  ])('refuses %j', (text) => {
    expect(() => parseUri(text)).toThrow(SipParseError);
  });
});

describe('formatUri', () => {
  it('round-trips a parsed URI', () => {
    const text = 'sip:alice:pw@atlanta.example.com:5061;transport=tcp;lr?subject=project%20x';
    expect(formatUri(parseUri(text))).toBe(text);
    expect(formatUri(parseUri('tel:+123'))).toBe('tel:+123');
  });

  it('keeps repeated URI headers in order', () => {
    const uri = parseUri('sip:a@b?x=1&y=2&x=3');
    expect(uri).toMatchObject({ headers: { x: ['1', '3'], y: ['2'] } });
    expect(formatUri(uri)).toBe('sip:a@b?x=1&x=3&y=2');
  });

  it('escapes user characters that need it', () => {
    expect(formatUri(sipUri({ user: 'a b@c\u0000', host: 'h' }))).toBe('sip:a%20b%40c%00@h');
    expect(parseUri(formatUri(sipUri({ user: 'a b@c€', host: 'h' })))).toMatchObject({ user: 'a b@c€' });
  });
});

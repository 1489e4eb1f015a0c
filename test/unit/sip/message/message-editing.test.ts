import { describe, expect, it } from 'vitest';
import { createVia, parseMessage, SipParseError, type SipRequest, type SipResponse } from '../../../../engine/sip/message/index.js';
import { INVITE } from './sample-messages.js';

describe('SipMessage editing and serialization', () => {
  it('serializes an unmodified message back to the same octets (CRLF line ends)', () => {
    const invite = parseMessage(INVITE) as SipRequest;
    expect(invite.toBuffer().equals(Buffer.from(INVITE))).toBe(true);
    expect(invite.toString()).toBe(INVITE);
  });

  it('prepends a Via, and the typed accessor sees it', () => {
    const invite = parseMessage(INVITE) as SipRequest;
    expect(invite.topVia.host).toBe('pc33.atlanta.example.com');
    invite.prependVia(createVia({ transport: 'TCP', host: 'proxy.example.com', branch: 'z9hG4bKp1' }));
    expect(invite.via.map((via) => via.host)).toEqual(['proxy.example.com', 'pc33.atlanta.example.com']);
    expect(invite.toString()).toMatch(/^INVITE [^\r]+\r\nVia: SIP\/2.0\/TCP proxy.example.com;branch=z9hG4bKp1\r\nVia: SIP\/2.0\/UDP pc33/);
  });

  it('removes the first value of a comma-combined header (a proxy removing its own Via, RFC 3261 16.7)', () => {
    const response = parseMessage('SIP/2.0 200 OK\r\nVia: SIP/2.0/UDP a;branch=z9hG4bK1, SIP/2.0/UDP b;branch=z9hG4bK2\r\nContent-Length: 0\r\n\r\n') as SipResponse;
    response.removeFirstValue('v');
    expect(response.via.map((via) => via.host)).toEqual(['b']);
    response.removeFirstValue('Via');
    expect(response.hasHeader('via')).toBe(false);
    expect(() => response.via).toThrow(/Missing Via/);
  });

  it('sets, adds and removes headers in place, compact names written in full', () => {
    const invite = parseMessage(INVITE) as SipRequest;
    invite.setHeader('Max-Forwards', '69').addHeader('X-Trace', '1').addHeader('x-trace', '2').removeHeader('Contact');
    invite.addHeader('k', 'timer');
    expect(invite.maxForwards).toBe(69);
    expect(invite.headers('X-Trace')).toEqual(['1', '2']);
    expect(invite.contact).toEqual([]);
    expect(invite.toString()).toContain('\r\nSupported: timer\r\n');
    expect(invite.headerFields()[1]).toMatchObject({ name: 'Max-Forwards', value: '69' });
  });

  it('refuses a header value holding a line break (header injection)', () => {
    const invite = parseMessage(INVITE) as SipRequest;
    expect(() => invite.setHeader('Subject', 'hi\r\nVia: evil')).toThrow(SipParseError);
    expect(() => invite.addHeader('Bad: Name', 'x')).toThrow(SipParseError);
  });

  it('sets a body with its Content-Length and Content-Type', () => {
    const invite = parseMessage(INVITE) as SipRequest;
    invite.setBody('hello €', 'text/plain');
    expect(invite.contentLength).toBe(Buffer.byteLength('hello €'));
    expect(invite.contentType?.mediaType).toBe('text/plain');
    const again = parseMessage(invite.toBuffer()) as SipRequest;
    expect(again.bodyText).toBe('hello €');
    invite.setBody('');
    expect(invite.contentLength).toBe(0);
    expect(invite.contentType).toBeUndefined();
  });

  it('reports a missing or repeated mandatory header through the accessor', () => {
    const message = parseMessage('OPTIONS sip:a@b SIP/2.0\r\nCall-ID: 1\r\ni: 2\r\n\r\n') as SipRequest;
    expect(() => message.callId).toThrow(/Duplicate Call-ID/);
    expect(() => message.from).toThrow(/Missing From/);
    expect(() => message.cseq).toThrow(/Missing CSeq/);
    expect(message.maxForwards).toBeUndefined();
    expect(message.contentLength).toBeUndefined();
  });

  it('returns a list header too malformed to split as one raw value', () => {
    const message = parseMessage('OPTIONS sip:a@b SIP/2.0\r\nContact: "unterminated <sip:a@b>, <sip:c@d>\r\n\r\n') as SipRequest;
    expect(message.headers('contact')).toEqual(['"unterminated <sip:a@b>, <sip:c@d>']);
    expect(() => message.contact).toThrow(SipParseError);
  });

  it('reads the REGISTER wildcard Contact and authentication headers', () => {
    const message = parseMessage(
      'REGISTER sip:r SIP/2.0\r\nContact: *\r\nExpires: 0\r\nAuthorization: Digest username="u", realm="r"\r\nProxy-Authorization: Digest username="p"\r\n\r\n',
    ) as SipRequest;
    expect(message.contact).toBe('*');
    expect(message.expires).toBe(0);
    expect(message.authorization[0]?.params).toEqual({ username: 'u', realm: 'r' });
    expect(message.proxyAuthorization[0]?.params.username).toBe('p');
    expect(message.wwwAuthenticate).toEqual([]);
  });
});

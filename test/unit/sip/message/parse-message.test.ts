import { describe, expect, it } from 'vitest';
import { parseMessage, SipParseError, SipRequest, SipResponse } from '../../../../engine/sip/message/index.js';
import { INVITE } from './sample-messages.js';

describe('parseMessage', () => {
  it('splits a request into start line, header fields and a Content-Length framed body', () => {
    const request = parseMessage(Buffer.from(INVITE));
    expect(request).toBeInstanceOf(SipRequest);
    const invite = request as SipRequest;
    expect(invite.method).toBe('INVITE');
    expect(invite.uri).toBe('sip:bob@biloxi.example.com');
    expect(invite.version).toBe('SIP/2.0');
    expect(invite.headerFields()).toHaveLength(9);
    expect(invite.bodyText).toBe('v=0\n');
  });

  it('reads the headers a UAS needs through typed accessors', () => {
    const invite = parseMessage(INVITE) as SipRequest;
    expect(invite.topVia).toMatchObject({ transport: 'UDP', host: 'pc33.atlanta.example.com', branch: 'z9hG4bK776asdhds', rport: null });
    expect(invite.from).toMatchObject({ displayName: 'Alice A.', tag: '1928301774', uri: { user: 'alice', host: 'atlanta.example.com' } });
    expect(invite.to).toMatchObject({ displayName: 'Bob', tag: undefined });
    expect(invite.callId).toBe('a84b4c76e66710@pc33.atlanta.example.com');
    expect(invite.cseq).toEqual({ seq: 314159, method: 'INVITE' });
    expect(invite.contact).toMatchObject([{ uri: { user: 'alice', host: 'pc33.atlanta.example.com' } }]);
    expect(invite.maxForwards).toBe(70);
    expect(invite.contentLength).toBe(4);
    expect(invite.contentType?.mediaType).toBe('application/sdp');
    expect(invite.requestUri).toMatchObject({ scheme: 'sip', user: 'bob', host: 'biloxi.example.com' });
  });

  it('caches a parsed header value until the header changes', () => {
    const invite = parseMessage(INVITE) as SipRequest;
    expect(invite.from).toBe(invite.from);
    invite.setHeader('From', '<sip:carol@chicago.example.com>;tag=9');
    expect(invite.from.tag).toBe('9');
  });

  it('finds headers by compact form and in any case', () => {
    const message = parseMessage(
      'OPTIONS sip:a@b SIP/2.0\r\nv: SIP/2.0/TCP h;branch=z9hG4bK1\r\nf: <sip:x@y>;tag=1\r\nt: sip:a@b\r\ni: c1\r\nCSEQ: 1 OPTIONS\r\nl: 0\r\n\r\n',
    ) as SipRequest;
    expect(message.header('Via')).toBe('SIP/2.0/TCP h;branch=z9hG4bK1');
    expect(message.header('call-id')).toBe('c1');
    expect(message.header('CSeq')).toBe('1 OPTIONS');
    expect(message.header('content-length')).toBe('0');
    expect(message.from.tag).toBe('1');
  });

  it('splits list headers combined with commas and keeps repeated fields in order', () => {
    const message = parseMessage(
      'BYE sip:a@b SIP/2.0\r\nVia: SIP/2.0/UDP a;branch=z9hG4bK1, SIP/2.0/UDP b;branch=z9hG4bK2\r\nVia: SIP/2.0/UDP c;branch=z9hG4bK3\r\n' +
        'Route: <sip:p1;lr>, <sip:p2;lr>\r\nSupported: timer, replaces\r\nSubject: a, b\r\n\r\n',
    ) as SipRequest;
    expect(message.headers('via')).toHaveLength(3);
    expect(message.via.map((via) => via.host)).toEqual(['a', 'b', 'c']);
    expect(message.routes.map((route) => (route.uri as { host: string }).host)).toEqual(['p1', 'p2']);
    expect(message.supported).toEqual(['timer', 'replaces']);
    expect(message.headers('subject')).toEqual(['a, b']);
  });

  it('unfolds continuation lines into one space', () => {
    const message = parseMessage('OPTIONS sip:a@b SIP/2.0\r\nSubject: one\r\n  two\r\n\tthree\r\n\r\n') as SipRequest;
    expect(message.header('subject')).toBe('one two three');
  });

  it('ignores CRLFs before the start line (RFC 3261 7.5)', () => {
    const message = parseMessage('\r\n\r\nOPTIONS sip:a@b SIP/2.0\r\nl: 0\r\n\r\n') as SipRequest;
    expect(message.method).toBe('OPTIONS');
  });

  it('parses a response status line', () => {
    const response = parseMessage('SIP/2.0 180 Ringing Now\r\nContent-Length: 0\r\n\r\n') as SipResponse;
    expect(response).toBeInstanceOf(SipResponse);
    expect(response.status).toBe(180);
    expect(response.reason).toBe('Ringing Now');
  });

  it('refuses a message over the configured maximum size', () => {
    const big = `OPTIONS sip:a@b SIP/2.0\r\nX-Big: ${'a'.repeat(2000)}\r\n\r\n`;
    expect(() => parseMessage(big, { maxSize: 1000 })).toThrow(expect.objectContaining({ reason: 'Message Too Large' }));
    expect(parseMessage(big, { maxSize: 4000 })).toBeInstanceOf(SipRequest);
  });

  it.each([
    ['', 'Empty message'],
    ['\r\n', 'Empty message'],
    ['INVITE\r\n\r\n', 'Bad Request-Line'],
    ['INVITE sip:a@b\r\n\r\n', 'Bad Request-Line'],
    ['INVITE sip:a@b HTTP/1.1\r\n\r\n', 'Bad SIP-Version'],
    ['INV(ITE sip:a@b SIP/2.0\r\n\r\n', 'Bad Request-Line'],
    ['INVITE nocolon SIP/2.0\r\n\r\n', 'Bad Request-URI'],
    ['SIP/2.0 99 Odd\r\n\r\n', 'Bad Status-Code'],
    ['SIP/2.0 1000 Odd\r\n\r\n', 'Bad Status-Code'],
    ['SIP/2.0 200OK\r\n\r\n', 'Bad Status-Code'],
    ['OPTIONS sip:a@b SIP/2.0\r\nNo colon here\r\n\r\n', 'Bad header line'],
    ['OPTIONS sip:a@b SIP/2.0\r\nBad Name: x\r\n\r\n', 'Bad header name'],
    ['OPTIONS sip:a@b SIP/2.0\r\n folded first\r\n\r\n', 'Bad header line'],
    ['OPTIONS sip:a@b SIP/2.0\r\nContent-Length: five\r\n\r\n', 'Bad Content-Length'],
    ['OPTIONS sip:a@b SIP/2.0\r\nContent-Length: 36893488147419103232\r\n\r\n', 'Bad Content-Length'],
  ])('refuses %j with reason %s', (text, reason) => {
    let caught: unknown;
    try {
      parseMessage(text);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(SipParseError);
    expect((caught as SipParseError).reason).toBe(reason);
  });

  it('keeps the header fields of a request with a bad start line in the error context', () => {
    try {
      parseMessage('INVITE <sip:a@b> SIP/2.0\r\nCall-ID: x\r\n\r\n');
      expect.unreachable();
    } catch (error) {
      expect((error as SipParseError).context).toMatchObject({ kind: 'request', method: 'INVITE', headers: [{ name: 'Call-ID', value: 'x' }] });
    }
  });

  it('keeps header octets that are not UTF-8', () => {
    const data = Buffer.concat([Buffer.from('OPTIONS sip:a@b SIP/2.0\r\nX-Raw: '), Buffer.from([0xff, 0xfe]), Buffer.from('\r\n\r\n')]);
    const message = parseMessage(data) as SipRequest;
    expect(Buffer.from(message.header('x-raw')!, 'latin1')).toEqual(Buffer.from([0xff, 0xfe]));
    expect(message.headEncoding).toBe('latin1');
    expect(message.toBuffer().equals(data)).toBe(true);
    message.addHeader('Subject', '€');
    expect((parseMessage(message.toBuffer()) as SipRequest).header('subject')).toBe('€');
  });

  it('accepts LF-only line ends', () => {
    const message = parseMessage('OPTIONS sip:a@b SIP/2.0\nCall-ID: x\nContent-Length: 2\n\nhi') as SipRequest;
    expect(message.callId).toBe('x');
    expect(message.bodyText).toBe('hi');
  });
});

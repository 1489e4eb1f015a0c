import { describe, expect, it } from 'vitest';
import {
  createCancel,
  createNon2xxAck,
  createParseErrorResponse,
  createRequest,
  createResponse,
  parseMessage,
  SipParseError,
  type SipRequest,
  type SipResponse,
} from '../../../../engine/sip/message/index.js';
import { INVITE } from './sample-messages.js';

const invite = () => parseMessage(INVITE) as SipRequest;

describe('createResponse (RFC 3261 8.2.6)', () => {
  it('copies Via, From, Call-ID and CSeq, adds the To tag, and frames an empty body', () => {
    const response = createResponse(invite(), 180, { toTag: 'bob-1' });
    expect(response.status).toBe(180);
    expect(response.reason).toBe('Ringing');
    expect(response.header('via')).toBe(invite().header('via'));
    expect(response.from).toEqual(invite().from);
    expect(response.to.tag).toBe('bob-1');
    expect(response.callId).toBe(invite().callId);
    expect(response.cseq).toEqual({ seq: 314159, method: 'INVITE' });
    expect(response.contentLength).toBe(0);
    const reparsed = parseMessage(response.toBuffer()) as SipResponse;
    expect(reparsed.status).toBe(180);
    expect(reparsed.to.tag).toBe('bob-1');
  });

  it('keeps every Via value in order and the tag an in-dialog To already has', () => {
    const request = parseMessage(
      'BYE sip:a@b SIP/2.0\r\nVia: SIP/2.0/UDP p1;branch=z9hG4bK1\r\nVia: SIP/2.0/UDP p2;branch=z9hG4bK2\r\nFrom: <sip:x@y>;tag=1\r\nTo: <sip:a@b>;tag=2\r\nCall-ID: c\r\nCSeq: 2 BYE\r\n\r\n',
    ) as SipRequest;
    const response = createResponse(request, 200, { toTag: 'other' });
    expect(response.via.map((via) => via.host)).toEqual(['p1', 'p2']);
    expect(response.to.tag).toBe('2');
  });

  it('gives a 100 Trying no To tag and copies Timestamp (RFC 3261 8.2.6.1)', () => {
    const request = invite().addHeader('Timestamp', '54');
    const trying = createResponse(request, 100, { toTag: 'x' });
    expect(trying.to.tag).toBeUndefined();
    expect(trying.header('timestamp')).toBe('54');
    expect(createResponse(request, 180).header('timestamp')).toBeUndefined();
  });

  it('copies Record-Route into a dialog-creating response (RFC 3261 12.1.1) only', () => {
    const request = invite().addHeader('Record-Route', '<sip:p1;lr>');
    expect(createResponse(request, 200, { toTag: 't' }).recordRoutes).toHaveLength(1);
    expect(createResponse(request, 486, { toTag: 't' }).recordRoutes).toHaveLength(0);
  });

  it('adds extra headers, a body and its type', () => {
    const response = createResponse(invite(), 200, { toTag: 't', reason: 'Fine', headers: [['Contact', '<sip:bob@192.0.2.4>']], body: 'v=0\r\n', contentType: 'application/sdp' });
    expect(response.reason).toBe('Fine');
    expect(response.contact).toHaveLength(1);
    expect(response.contentLength).toBe(5);
    expect(response.contentType?.mediaType).toBe('application/sdp');
  });
});

describe('createParseErrorResponse', () => {
  it('answers a request whose start line is malformed with 400 and the reason', () => {
    const text = INVITE.replace('INVITE sip:bob@biloxi.example.com SIP/2.0', 'INVITE <sip:bob@biloxi.example.com> SIP/2.0');
    let error: SipParseError | undefined;
    try {
      parseMessage(text);
    } catch (caught) {
      error = caught as SipParseError;
    }
    const response = createParseErrorResponse(error!);
    expect(response?.status).toBe(400);
    expect(response?.reason).toBe('Bad Request-URI');
    expect(response?.cseq.method).toBe('INVITE');
    expect(response?.to.tag).toMatch(/^[0-9a-f]{12}$/);
  });

  it('answers a request with a malformed header line, keeping the well-formed fields', () => {
    const text = INVITE.replace('Max-Forwards: 70', 'This line has no colon\r\n  and a continuation');
    let error: SipParseError | undefined;
    try {
      parseMessage(text);
    } catch (caught) {
      error = caught as SipParseError;
    }
    expect(error?.reason).toBe('Bad header line');
    const response = createParseErrorResponse(error!);
    expect(response?.status).toBe(400);
    expect(response?.reason).toBe('Bad header line');
    expect(response?.callId).toBe('a84b4c76e66710@pc33.atlanta.example.com');
  });

  it('returns null for a response, an ACK, or when the identifying headers are gone', () => {
    expect(createParseErrorResponse(new SipParseError('Bad Status-Code', '', { kind: 'response', headers: [] }))).toBeNull();
    expect(createParseErrorResponse(new SipParseError('x', '', { kind: 'request', method: 'ACK', headers: [] }))).toBeNull();
    expect(createParseErrorResponse(new SipParseError('x', '', { kind: 'request', method: 'INVITE', headers: [{ name: 'Via', value: 'SIP/2.0/UDP h' }] }))).toBeNull();
  });
});

describe('createRequest', () => {
  it('builds a request with the mandatory headers of RFC 3261 8.1.1', () => {
    const request = createRequest({
      method: 'OPTIONS',
      uri: 'sip:carol@chicago.example.com',
      from: { displayName: 'Alice', uri: 'sip:alice@atlanta.example.com', tag: 'a' },
      to: { uri: 'sip:carol@chicago.example.com' },
      callId: 'id1',
      cseq: 7,
      via: ['SIP/2.0/UDP 192.0.2.1;branch=z9hG4bKq'],
      routes: ['<sip:proxy.example.com;lr>'],
      contact: [{ uri: 'sip:alice@192.0.2.1:5060' }],
      headers: [['Accept', 'application/sdp']],
    });
    const reparsed = parseMessage(request.toBuffer()) as SipRequest;
    expect(reparsed.method).toBe('OPTIONS');
    expect(reparsed.maxForwards).toBe(70);
    expect(reparsed.cseq).toEqual({ seq: 7, method: 'OPTIONS' });
    expect(reparsed.from).toMatchObject({ displayName: 'Alice', tag: 'a' });
    expect(reparsed.routes).toHaveLength(1);
    expect(reparsed.contentLength).toBe(0);
    expect(reparsed.header('accept')).toBe('application/sdp');
  });
});

describe('createCancel / createNon2xxAck', () => {
  it('builds a CANCEL with the INVITE top Via, Request-URI, Call-ID, From, To and CSeq number (RFC 3261 9.1)', () => {
    const request = invite().prependHeader('Via', 'SIP/2.0/UDP top;branch=z9hG4bKtop').addHeader('Route', '<sip:p;lr>');
    const cancel = createCancel(request);
    expect(cancel.method).toBe('CANCEL');
    expect(cancel.uri).toBe(request.uri);
    expect(cancel.via).toHaveLength(1);
    expect(cancel.topVia.branch).toBe('z9hG4bKtop');
    expect(cancel.cseq).toEqual({ seq: 314159, method: 'CANCEL' });
    expect(cancel.to).toEqual(request.to);
    expect(cancel.routes).toHaveLength(1);
  });

  it('builds the ACK for a non-2xx with the response To (RFC 3261 17.1.1.3)', () => {
    const request = invite();
    const busy = createResponse(request, 486, { toTag: 'busy-tag' });
    const ack = createNon2xxAck(request, busy);
    expect(ack.method).toBe('ACK');
    expect(ack.to.tag).toBe('busy-tag');
    expect(ack.cseq).toEqual({ seq: 314159, method: 'ACK' });
    expect(ack.topVia.branch).toBe(request.topVia.branch);
  });
});

import { describe, expect, it } from 'vitest';
import { DEFAULT_UAS_CAPABILITIES, parseMessage, validateRequest, type SipRequest } from '../../../../engine/sip/message/index.js';
import { INVITE } from './sample-messages.js';

const request = (text: string) => parseMessage(text) as SipRequest;
const edit = (from: string, to: string) => request(INVITE.replace(from, to));

describe('validateRequest (RFC 3261 8.2)', () => {
  it('passes a well-formed INVITE', () => {
    expect(validateRequest(request(INVITE))).toBeNull();
  });

  it('answers 405 with Allow for a known method the UAS does not handle, 501 for an unknown one', () => {
    const register = request('REGISTER sip:r SIP/2.0\r\nVia: SIP/2.0/UDP h;branch=z9hG4bK1\r\nFrom: <sip:a@r>;tag=1\r\nTo: <sip:a@r>\r\nCall-ID: c\r\nCSeq: 1 REGISTER\r\n\r\n');
    expect(validateRequest(register)).toEqual({ status: 405, reason: 'Method Not Allowed', headers: [['Allow', DEFAULT_UAS_CAPABILITIES.methods.join(', ')]] });
    expect(validateRequest(register, { ...DEFAULT_UAS_CAPABILITIES, methods: [...DEFAULT_UAS_CAPABILITIES.methods, 'REGISTER'] })).toBeNull();
    const unknown = request(register.toString().replace(/REGISTER/g, 'FOO'));
    expect(validateRequest(unknown)?.status).toBe(501);
  });

  it('answers 400 naming a malformed or missing mandatory header', () => {
    expect(validateRequest(edit('CSeq: 314159 INVITE', 'CSeq: x INVITE'))).toMatchObject({ status: 400, reason: 'Bad CSeq' });
    expect(validateRequest(edit('Call-ID: a84b4c76e66710@pc33.atlanta.example.com\r\n', ''))).toMatchObject({ status: 400, reason: 'Missing Call-ID header' });
    expect(validateRequest(edit('Max-Forwards: 70', 'Max-Forwards: 300'))).toMatchObject({ status: 400, reason: 'Bad Max-Forwards' });
    expect(validateRequest(edit('Contact: <sip:alice@pc33.atlanta.example.com>', 'Contact: <sip:alice@pc33'))).toMatchObject({ status: 400, reason: 'Bad Contact' });
  });

  it('answers 400 for a malformed Request-URI and 416 for an unsupported scheme', () => {
    expect(validateRequest(edit('INVITE sip:bob@biloxi.example.com', 'INVITE sip:bob@-bad'))).toMatchObject({ status: 400, reason: 'Bad Request-URI' });
    expect(validateRequest(edit('INVITE sip:bob@biloxi.example.com', 'INVITE mailto:bob@biloxi.example.com'))).toMatchObject({ status: 416 });
    expect(validateRequest(edit('INVITE sip:bob@biloxi.example.com', 'INVITE tel:+15551234'))).toBeNull();
  });

  it('answers 420 with Unsupported for unknown Require tags, not for supported ones or for ACK', () => {
    expect(validateRequest(edit('Max-Forwards: 70', 'Max-Forwards: 70\r\nRequire: 100rel, foo'))).toEqual({ status: 420, reason: 'Bad Extension', headers: [['Unsupported', '100rel, foo']] });
    expect(validateRequest(edit('Max-Forwards: 70', 'Max-Forwards: 70\r\nRequire: replaces'))).toBeNull();
    expect(validateRequest(edit('Max-Forwards: 70', 'Max-Forwards: 70\r\nProxy-Require: foo'))).toBeNull();
  });

  it('answers 415 with Accept for an INVITE body that is not SDP, 400 when Content-Type is missing', () => {
    expect(validateRequest(edit('Content-Type: application/sdp', 'Content-Type: text/plain'))).toEqual({ status: 415, reason: 'Unsupported Media Type', headers: [['Accept', 'application/sdp']] });
    expect(validateRequest(edit('Content-Type: application/sdp\r\n', ''))).toMatchObject({ status: 400, reason: 'Missing Content-Type' });
  });

  it('answers 406 when Accept excludes SDP, and accepts wildcards', () => {
    expect(validateRequest(edit('Max-Forwards: 70', 'Max-Forwards: 70\r\nAccept: text/plain'))).toMatchObject({ status: 406 });
    expect(validateRequest(edit('Max-Forwards: 70', 'Max-Forwards: 70\r\nAccept: application/*'))).toBeNull();
    expect(validateRequest(edit('Max-Forwards: 70', 'Max-Forwards: 70\r\nAccept: text/plain, application/sdp;level=1'))).toBeNull();
  });

  it('answers 505 for another SIP version in the request line or the top Via', () => {
    expect(validateRequest(edit('INVITE sip:bob@biloxi.example.com SIP/2.0', 'INVITE sip:bob@biloxi.example.com SIP/3.0'))?.status).toBe(505);
    expect(validateRequest(edit('Via: SIP/2.0/UDP', 'Via: SIP/2.1/UDP'))?.status).toBe(505);
  });

  it('answers 400 for a CSeq method that differs from the request method', () => {
    expect(validateRequest(edit('CSeq: 314159 INVITE', 'CSeq: 314159 BYE'))).toMatchObject({ status: 400, reason: 'CSeq Method Mismatch' });
  });
});

import { describe, expect, it } from 'vitest';
import { Dialog } from '../../../../engine/sip/dialog/dialog.js';
import { parseMessage } from '../../../../engine/sip/message/parse-message.js';
import type { SipRequest } from '../../../../engine/sip/message/request.js';
import type { SipResponse } from '../../../../engine/sip/message/response.js';

const invite = parseMessage(
  Buffer.from(
    'INVITE sip:bob@example.com SIP/2.0\r\n' +
      'Via: SIP/2.0/UDP pc33.example.com;branch=z9hG4bKnashds8\r\n' +
      'Record-Route: <sip:p2.example.com;lr>\r\nRecord-Route: <sip:p1.example.com;lr>\r\n' +
      'From: "Alice" <sip:alice@example.com>;tag=1928301774\r\nTo: <sip:bob@example.com>\r\n' +
      'Call-ID: a84b4c76e66710\r\nCSeq: 314159 INVITE\r\nContact: <sip:alice@pc33.example.com>\r\nContent-Length: 0\r\n\r\n',
  ),
) as SipRequest;

const ok = parseMessage(
  Buffer.from(
    'SIP/2.0 200 OK\r\nVia: SIP/2.0/UDP pc33.example.com;branch=z9hG4bKnashds8\r\n' +
      'Record-Route: <sip:p2.example.com;lr>\r\nRecord-Route: <sip:p1.example.com;lr>\r\n' +
      'From: "Alice" <sip:alice@example.com>;tag=1928301774\r\nTo: <sip:bob@example.com>;tag=a6c85cf\r\n' +
      'Call-ID: a84b4c76e66710\r\nCSeq: 314159 INVITE\r\nContact: <sip:bob@192.0.2.4>\r\nContent-Length: 0\r\n\r\n',
  ),
) as SipResponse;

describe('Dialog', () => {
  it('as UAS keeps the Record-Route order and targets the caller\'s Contact (RFC 3261 12.1.1)', () => {
    const dialog = Dialog.forUas(invite, 'uas-tag');
    const bye = dialog.createRequest('BYE');
    expect(bye.uri).toBe('sip:alice@pc33.example.com');
    expect(bye.headers('Route')).toEqual(['<sip:p2.example.com;lr>', '<sip:p1.example.com;lr>']);
    expect(bye.from.tag).toBe('uas-tag');
    expect(bye.to.tag).toBe('1928301774');
    expect(bye.callId).toBe('a84b4c76e66710');
  });

  it('as UAC reverses the Record-Route and continues the CSeq of the INVITE (RFC 3261 12.1.2)', () => {
    const dialog = Dialog.forUac(invite, ok);
    const bye = dialog.createRequest('BYE');
    expect(bye.uri).toBe('sip:bob@192.0.2.4');
    expect(bye.headers('Route')).toEqual(['<sip:p1.example.com;lr>', '<sip:p2.example.com;lr>']);
    expect(bye.cseq).toEqual({ seq: 314160, method: 'BYE' });
    const ack = dialog.createRequest('ACK', { seq: 314159 });
    expect(ack.cseq).toEqual({ seq: 314159, method: 'ACK' });
  });

  it('puts a strict router first in the Request-URI and the remote target last in Route (RFC 3261 12.2.1.1)', () => {
    const strict = parseMessage(Buffer.from(ok.toString().replace(/;lr>/g, '>'))) as SipResponse;
    const bye = Dialog.forUac(invite, strict).createRequest('BYE');
    expect(bye.uri).toBe('sip:p1.example.com');
    expect(bye.headers('Route')).toEqual(['<sip:p2.example.com>', '<sip:bob@192.0.2.4>']);
  });

  it('rejects a request whose CSeq is not above the last one from the peer (RFC 3261 12.2.2)', () => {
    const dialog = Dialog.forUas(invite, 'uas-tag');
    const older = parseMessage(Buffer.from(invite.toString().replace('CSeq: 314159 INVITE', 'CSeq: 314158 INFO').replace(/^INVITE/, 'INFO'))) as SipRequest;
    const newer = parseMessage(Buffer.from(invite.toString().replace('CSeq: 314159 INVITE', 'CSeq: 314160 INFO').replace(/^INVITE/, 'INFO'))) as SipRequest;
    expect(dialog.acceptRemoteSeq(older)).toBe(false);
    expect(dialog.acceptRemoteSeq(newer)).toBe(true);
  });

  it('replaces the remote target on a target refresh', () => {
    const dialog = Dialog.forUac(invite, ok);
    const refresh = parseMessage(Buffer.from(ok.toString().replace('<sip:bob@192.0.2.4>', '<sip:bob@198.51.100.7:5070>'))) as SipResponse;
    dialog.refreshTarget(refresh);
    expect(dialog.remoteTarget).toBe('sip:bob@198.51.100.7:5070');
  });
});

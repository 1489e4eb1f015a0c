import { describe, expect, it } from 'vitest';
import { customHeadersOf, toExtraHeaders } from '../../../engine/call/sip-headers.js';
import { parseMessage } from '../../../engine/sip/message/parse-message.js';

const bye = [
  'BYE sip:alice@127.0.0.1 SIP/2.0',
  'Via: SIP/2.0/UDP 127.0.0.1:5070;branch=z9hG4bK1',
  'From: <sip:bob@127.0.0.1>;tag=b',
  'To: <sip:alice@127.0.0.1>;tag=a',
  'Call-ID: c1',
  'CSeq: 2 BYE',
  'X-Reason: done',
  'x-lower: yes',
  'X-Multi: one',
  'X-Multi: two',
  'Subject: not custom',
  'Content-Length: 0',
  '',
  '',
].join('\r\n');

describe('SIP leg headers', () => {
  it('customHeadersOf keeps only X- headers, as the peer wrote their names, joining repeated ones', () => {
    expect(customHeadersOf(parseMessage(bye))).toEqual({ 'X-Reason': 'done', 'x-lower': 'yes', 'X-Multi': 'one, two' });
  });

  it('customHeadersOf of no message is empty', () => {
    expect(customHeadersOf(undefined)).toEqual({});
  });

  it('toExtraHeaders passes a scenario\'s headers on but never the ones that shape the dialog', () => {
    expect(toExtraHeaders({ 'X-Campaign': 'spring', 'Call-ID': 'forged', CSeq: '1 BYE', Contact: '<sip:x@y>', Subject: 'hi' })).toEqual([
      ['X-Campaign', 'spring'],
      ['Subject', 'hi'],
    ]);
  });
});

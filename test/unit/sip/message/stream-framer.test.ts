import { describe, expect, it } from 'vitest';
import { parseMessage, SipParseError, SipStreamFramer, type SipRequest } from '../../../../engine/sip/message/index.js';
import { INVITE } from './sample-messages.js';

const OPTIONS = 'OPTIONS sip:a@b SIP/2.0\r\nCall-ID: o1\r\nl: 0\r\n\r\n';

describe('SipStreamFramer', () => {
  it('emits back-to-back messages cut by Content-Length', () => {
    const framer = new SipStreamFramer();
    const { messages } = framer.push(Buffer.from(INVITE + OPTIONS + INVITE));
    expect(messages.map((m) => m.toString())).toEqual([INVITE, OPTIONS, INVITE]);
    expect(framer.pendingBytes).toBe(0);
  });

  it('reassembles a message sent one byte at a time', () => {
    const framer = new SipStreamFramer();
    const data = Buffer.from(INVITE + OPTIONS);
    const out: Buffer[] = [];
    for (let i = 0; i < data.length; i++) out.push(...framer.push(data.subarray(i, i + 1)).messages);
    expect(out.map((m) => m.toString())).toEqual([INVITE, OPTIONS]);
    expect((parseMessage(out[0]!) as SipRequest).bodyText).toBe('v=0\n');
  });

  it('holds a message whose body has not fully arrived (RFC 4475 3.1.2.2 on TCP)', () => {
    const framer = new SipStreamFramer();
    const head = INVITE.slice(0, INVITE.length - 2);
    expect(framer.push(Buffer.from(head)).messages).toEqual([]);
    expect(framer.pendingBytes).toBe(Buffer.byteLength(head));
    expect(framer.push(Buffer.from(INVITE.slice(-2))).messages).toHaveLength(1);
  });

  it('counts CRLFCRLF keep-alives and skips stray CRLFs between messages (RFC 5626 4.4.1, RFC 3261 7.5)', () => {
    const framer = new SipStreamFramer();
    const result = framer.push(Buffer.from(`\r\n\r\n${OPTIONS}\r\n${OPTIONS}\r\n\r\n`));
    expect(result.messages).toHaveLength(2);
    expect(result.keepAlives).toBe(2);
  });

  it.each([
    ['a missing Content-Length', 'OPTIONS sip:a@b SIP/2.0\r\nCall-ID: x\r\n\r\n', 'Missing Content-Length'],
    ['a negative Content-Length', 'OPTIONS sip:a@b SIP/2.0\r\nContent-Length: -999\r\n\r\n', 'Bad Content-Length'],
    ['conflicting Content-Lengths', 'OPTIONS sip:a@b SIP/2.0\r\nContent-Length: 13\r\nl: 5\r\n\r\n', 'Bad Content-Length'],
  ])('fails the stream on %s and refuses further input', (_, text, reason) => {
    const framer = new SipStreamFramer();
    expect(() => framer.push(Buffer.from(text))).toThrow(expect.objectContaining({ reason }));
    expect(() => framer.push(Buffer.from(OPTIONS))).toThrow(SipParseError);
  });

  it('refuses a header section that grows past the maximum size without an end', () => {
    const framer = new SipStreamFramer({ maxSize: 4096 });
    framer.push(Buffer.from('OPTIONS sip:a@b SIP/2.0\r\n'));
    expect(() => {
      for (let i = 0; i < 100; i++) framer.push(Buffer.from(`X-Filler: ${'a'.repeat(100)}\r\n`));
    }).toThrow(expect.objectContaining({ reason: 'Message Too Large' }));
  });

  it('refuses a Content-Length that would exceed the maximum size before buffering the body', () => {
    const framer = new SipStreamFramer({ maxSize: 1000 });
    expect(() => framer.push(Buffer.from('MESSAGE sip:a@b SIP/2.0\r\nContent-Length: 5000\r\n\r\n'))).toThrow(
      expect.objectContaining({ reason: 'Message Too Large' }),
    );
  });
});

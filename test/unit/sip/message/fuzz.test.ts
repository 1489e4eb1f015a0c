import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseMessage, SipParseError, SipRequest, SipStreamFramer, validateRequest, type SipMessage } from '../../../../engine/sip/message/index.js';
import { INVITE } from './sample-messages.js';

/**
 * Parses and reads every typed header: anything thrown must be a SipParseError; raw access and validateRequest never
 * throw.
 */
function exercise(data: Buffer): void {
  let message: SipMessage;
  try {
    message = parseMessage(data);
  } catch (error) {
    if (!(error instanceof SipParseError)) throw error;
    return;
  }
  for (const name of ['via', 'contact', 'route', 'supported', 'from', 'x-unknown']) {
    message.header(name);
    message.headers(name);
  }
  message.toBuffer();
  // validateRequest turns every header problem into a rejection; it never throws.
  if (message instanceof SipRequest) validateRequest(message);
  const readers = [
    () => message.via, () => message.from, () => message.to, () => message.callId, () => message.cseq,
    () => message.contact, () => message.maxForwards, () => message.contentLength, () => message.contentType,
    () => message.routes, () => message.recordRoutes, () => message.require, () => message.supported,
    () => message.expires, () => message.authorization, () => message.wwwAuthenticate,
    () => (message instanceof SipRequest ? message.requestUri : undefined),
  ];
  for (const read of readers) {
    try {
      read();
    } catch (error) {
      if (!(error instanceof SipParseError)) throw error;
    }
  }
}

/** A deterministic pseudo-random sequence, so a failure reproduces. */
function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1103515245 + 12345) & 0x7fffffff;
    return state / 0x7fffffff;
  };
}

describe('malformed input never throws anything but SipParseError', () => {
  const invite = Buffer.from(INVITE);

  it('truncated at every byte of a valid INVITE', () => {
    for (let length = 0; length <= invite.length; length++) exercise(invite.subarray(0, length));
  });

  it('truncated at every third byte of every torture message', () => {
    const dir = join(__dirname, '../../../fixtures/sip-torture');
    for (const file of readdirSync(dir).filter((name) => name.endsWith('.dat'))) {
      const data = readFileSync(join(dir, file));
      for (let length = 0; length <= data.length; length += 3) exercise(data.subarray(0, length));
    }
  });

  it('with random bytes overwritten, inserted and deleted', () => {
    const next = random(42);
    const alphabet = Buffer.from(' \t\r\n:;,<>"\\@%=?/[]0123456789abcSIP\u0000\u00ff');
    for (let round = 0; round < 3000; round++) {
      const bytes = [...invite];
      for (let edits = 1 + Math.floor(next() * 4); edits > 0; edits--) {
        const at = Math.floor(next() * bytes.length);
        const byte = alphabet[Math.floor(next() * alphabet.length)]!;
        const kind = next();
        if (kind < 0.4) bytes[at] = byte;
        else if (kind < 0.7) bytes.splice(at, 0, byte);
        else bytes.splice(at, 1);
      }
      exercise(Buffer.from(bytes));
    }
  });

  it('refuses a datagram with a header over the maximum size', () => {
    const huge = Buffer.from(INVITE.replace('Max-Forwards: 70', `Max-Forwards: 70\r\nX-Huge: ${'x'.repeat(70_000)}`));
    expect(() => parseMessage(huge)).toThrow(expect.objectContaining({ reason: 'Message Too Large' }));
  });

  it('keeps a stream framer bounded when fed garbage without a header end', () => {
    const framer = new SipStreamFramer({ maxSize: 8192 });
    const garbage = Buffer.alloc(1024, 0x41);
    expect(() => {
      for (let i = 0; i < 20; i++) framer.push(garbage);
    }).toThrow(SipParseError);
    expect(framer.pendingBytes).toBe(0);
  });
});

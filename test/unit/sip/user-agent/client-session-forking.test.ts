import { createSocket } from 'node:dgram';
import { afterEach, describe, expect, it } from 'vitest';
import { UserAgent } from '../../../../engine/sip/user-agent/user-agent.js';
import { offer } from './pair.js';

/** Builds a 200 OK to `invite` (raw text) carrying the given To tag, as one branch of a forking proxy would. */
function okFrom(invite: string, tag: string, port: number): string {
  const header = (name: string): string => new RegExp(`^${name}: .*$`, 'm').exec(invite)![0].replace(/\r$/, '');
  const body = offer();
  return [
    'SIP/2.0 200 OK',
    header('Via'),
    header('From'),
    `${header('To')};tag=${tag}`,
    header('Call-ID'),
    header('CSeq'),
    `Contact: <sip:${tag}@127.0.0.1:${port}>`,
    'Content-Type: application/sdp',
    `Content-Length: ${Buffer.byteLength(body)}`,
    '',
    body,
  ].join('\r\n');
}

describe('ClientSession with a forked INVITE (RFC 3261 13.2.2.4)', () => {
  const cleanups: (() => void)[] = [];
  afterEach(() => {
    for (const cleanup of cleanups.splice(0)) cleanup();
  });

  it('keeps the first 2xx, ACKs the second and hangs it up with BYE, once', async () => {
    const forker = createSocket('udp4');
    const received: string[] = [];
    forker.on('message', (data) => received.push(data.toString()));
    await new Promise<void>((resolve) => forker.bind(0, '127.0.0.1', resolve));
    const port = forker.address().port;
    const ua = await UserAgent.start({ listen: [{ protocol: 'udp', host: '127.0.0.1', port: 0 }] }, { onInvite: (s) => s.reject(603) });
    cleanups.push(() => ua.close(), () => forker.close());

    const session = ua.invite({ uri: `sip:bob@127.0.0.1:${port}`, from: 'sip:alice@127.0.0.1', sdp: offer() });
    let accepted = 0;
    session.on('accepted', () => accepted++);
    await expect.poll(() => received.filter((m) => m.startsWith('INVITE')).length).toBeGreaterThan(0);
    const invite = received.find((m) => m.startsWith('INVITE'))!;
    const reply = (text: string): void => void forker.send(Buffer.from(text), ua.localTarget('udp').port, '127.0.0.1');
    reply(okFrom(invite, 'first', port));
    reply(okFrom(invite, 'second', port));
    reply(okFrom(invite, 'second', port));

    await expect.poll(() => received.filter((m) => m.startsWith('BYE')).length).toBe(1);
    const acks = received.filter((m) => m.startsWith('ACK'));
    expect(acks.some((m) => /To: .*tag=first/.test(m))).toBe(true);
    expect(acks.filter((m) => /To: .*tag=second/.test(m)).length).toBe(2);
    expect(received.find((m) => m.startsWith('BYE'))).toMatch(/^BYE sip:second@127\.0\.0\.1/);
    expect(accepted).toBe(1);
    expect(session.state).toBe('confirmed');
  });
});

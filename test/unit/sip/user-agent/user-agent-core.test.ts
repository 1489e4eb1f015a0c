import { createSocket, type Socket } from 'node:dgram';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { UserAgent } from '../../../../engine/sip/user-agent/user-agent.js';
import type { ServerSession } from '../../../../engine/sip/user-agent/server-session.js';
import { FakeClock } from '../transaction/fake-clock.js';
import { offer } from './pair.js';

/** A raw UDP peer that writes requests by hand and records what comes back. */
class RawPeer {
  readonly received: string[] = [];
  private constructor(readonly socket: Socket) {
    socket.on('message', (data) => this.received.push(data.toString()));
  }

  static async open(): Promise<RawPeer> {
    const socket = createSocket('udp4');
    await new Promise<void>((resolve) => socket.bind(0, '127.0.0.1', resolve));
    return new RawPeer(socket);
  }

  get port(): number {
    return this.socket.address().port;
  }

  send(port: number, text: string): void {
    this.socket.send(Buffer.from(text.replace(/\n/g, '\r\n')), port, '127.0.0.1');
  }

  statuses(): number[] {
    return this.received.filter((m) => m.startsWith('SIP/2.0')).map((m) => Number(m.slice(8, 11)));
  }

  requests(method: string): string[] {
    return this.received.filter((m) => m.startsWith(`${method} `));
  }

  async waitFor(predicate: () => boolean): Promise<void> {
    const deadline = Date.now() + 5000;
    while (!predicate()) {
      if (Date.now() > deadline) throw new Error(`timed out; received:\n${this.received.join('\n---\n')}`);
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
  }

  close(): void {
    this.socket.close();
  }
}

function request(method: string, peer: RawPeer, options: { toTag?: string; callId?: string; cseq?: number; branch?: string; body?: string } = {}): string {
  const body = options.body ?? '';
  return (
    `${method} sip:service@127.0.0.1 SIP/2.0\n` +
    `Via: SIP/2.0/UDP 127.0.0.1:${peer.port};branch=${options.branch ?? `z9hG4bK${Math.random().toString(36).slice(2)}`}\n` +
    `Max-Forwards: 70\nFrom: <sip:peer@127.0.0.1>;tag=peer1\nTo: <sip:service@127.0.0.1>${options.toTag ? `;tag=${options.toTag}` : ''}\n` +
    `Call-ID: ${options.callId ?? 'raw-call'}\nCSeq: ${options.cseq ?? 1} ${method}\nContact: <sip:peer@127.0.0.1:${peer.port}>\n` +
    (body ? 'Content-Type: application/sdp\n' : '') +
    `Content-Length: ${Buffer.byteLength(body.replace(/\n/g, '\r\n'))}\n\n${body}`
  );
}

describe('UserAgent core against a hand-written UDP peer', () => {
  let clock: FakeClock;
  let ua: UserAgent;
  let peer: RawPeer;
  const sessions: ServerSession[] = [];

  beforeEach(async () => {
    clock = new FakeClock();
    ua = await UserAgent.start({ listen: [{ protocol: 'udp', host: '127.0.0.1', port: 0 }], clock }, { onInvite: (s) => sessions.push(s) });
    peer = await RawPeer.open();
  });

  afterEach(() => {
    ua.close();
    peer.close();
    sessions.length = 0;
  });

  const port = (): number => ua.localTarget('udp').port;

  it('sends 100 Trying at once when the owner does not answer in the same tick', async () => {
    peer.send(port(), request('INVITE', peer, { body: offer() }));
    await peer.waitFor(() => peer.statuses().includes(100));
    expect(sessions).toHaveLength(1);
  });

  it('retransmits the 2xx on T1, 2T1, 4T1 ... capped at T2 until the ACK, then stops (RFC 3261 13.3.1.4)', async () => {
    peer.send(port(), request('INVITE', peer, { body: offer() }));
    await peer.waitFor(() => sessions.length === 1);
    sessions[0]!.accept(offer());
    await peer.waitFor(() => peer.statuses().filter((s) => s === 200).length === 1);
    for (const step of [500, 1000, 2000, 4000, 4000]) clock.advance(step);
    await peer.waitFor(() => peer.statuses().filter((s) => s === 200).length === 6);
    const toTag = /To: .*;tag=([^\r\n;]+)/.exec(peer.received.find((m) => m.startsWith('SIP/2.0 200'))!)![1]!;
    peer.send(port(), request('ACK', peer, { toTag }));
    await new Promise((resolve) => sessions[0]!.once('ack', resolve));
    clock.advance(60_000);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(peer.statuses().filter((s) => s === 200)).toHaveLength(6);
    expect(peer.requests('BYE')).toEqual([]);
  });

  it('gives up after 64*T1 without an ACK and sends BYE', async () => {
    peer.send(port(), request('INVITE', peer, { body: offer() }));
    await peer.waitFor(() => sessions.length === 1);
    const ended = new Promise((resolve) => sessions[0]!.once('terminated', resolve));
    sessions[0]!.accept(offer());
    clock.advance(32_000);
    expect(await ended).toMatchObject({ cause: 'ack-timeout' });
    await peer.waitFor(() => peer.requests('BYE').length === 1);
  });

  it('answers 481 to requests for a dialog it does not have, and drops a stray ACK', async () => {
    peer.send(port(), request('BYE', peer, { toTag: 'nosuch', callId: 'gone' }));
    peer.send(port(), request('INFO', peer, { toTag: 'nosuch', callId: 'gone', cseq: 2 }));
    peer.send(port(), request('ACK', peer, { toTag: 'nosuch', callId: 'gone' }));
    await peer.waitFor(() => peer.statuses().length === 2);
    expect(peer.statuses()).toEqual([481, 481]);
  });

  it('answers an unknown method 501 and REGISTER 405, each with Allow', async () => {
    peer.send(port(), request('FOO', peer));
    peer.send(port(), request('REGISTER', peer, { callId: 'reg' }));
    await peer.waitFor(() => peer.statuses().length === 2);
    expect(peer.statuses().sort()).toEqual([405, 501]);
    for (const response of peer.received) expect(response).toMatch(/Allow: INVITE, ACK, BYE, CANCEL, OPTIONS/);
  });

  it('absorbs a retransmitted request and repeats the same answer', async () => {
    const options = request('OPTIONS', peer, { branch: 'z9hG4bKsame', callId: 'opt' });
    peer.send(port(), options);
    peer.send(port(), options);
    await peer.waitFor(() => peer.statuses().length === 2);
    expect(peer.received[0]).toBe(peer.received[1]);
  });

  it('answers a request that fails to parse with 400 naming the problem', async () => {
    peer.send(port(), request('OPTIONS', peer, { callId: 'bad' }).replace('CSeq: 1 OPTIONS', 'CSeq: x OPTIONS'));
    await peer.waitFor(() => peer.statuses().length === 1);
    expect(peer.received[0]).toMatch(/^SIP\/2\.0 400 Bad CSeq/);
  });

  it('answers a CANCEL that matches no INVITE 481, and one after the answer 200 without effect (RFC 3261 9.2)', async () => {
    peer.send(port(), request('CANCEL', peer, { branch: 'z9hG4bKnoinvite', callId: 'nothing' }));
    await peer.waitFor(() => peer.statuses().includes(481));
    peer.send(port(), request('INVITE', peer, { body: offer(), branch: 'z9hG4bKanswered', callId: 'answered' }));
    await peer.waitFor(() => sessions.length === 1);
    sessions[0]!.accept(offer());
    await peer.waitFor(() => peer.statuses().includes(200));
    peer.send(port(), request('CANCEL', peer, { branch: 'z9hG4bKanswered', callId: 'answered' }));
    await peer.waitFor(() => peer.statuses().filter((s) => s === 200).length === 2);
    expect(sessions[0]!.state).toBe('confirmed');
  });

  it('ends its sessions and stops every timer when closed', async () => {
    peer.send(port(), request('INVITE', peer, { body: offer() }));
    await peer.waitFor(() => sessions.length === 1);
    sessions[0]!.accept(offer());
    const outgoing = ua.invite({ uri: `sip:x@127.0.0.1:${peer.port}`, from: 'sip:a@127.0.0.1', answerTimeoutMs: 60_000 });
    expect(ua.stats.sessions).toBe(2);
    const causes: string[] = [];
    sessions[0]!.on('terminated', (t) => causes.push(t.cause));
    outgoing.on('terminated', (t) => causes.push(t.cause));
    ua.close();
    expect(causes).toEqual(['closed', 'closed']);
    expect(ua.stats.sessions).toBe(0);
    expect(clock.timerCount).toBe(0);
  });

  it('answers an out-of-order in-dialog request 500 (RFC 3261 12.2.2)', async () => {
    peer.send(port(), request('INVITE', peer, { body: offer(), cseq: 5 }));
    await peer.waitFor(() => sessions.length === 1);
    sessions[0]!.accept(offer());
    await peer.waitFor(() => peer.statuses().includes(200));
    const toTag = /To: .*;tag=([^\r\n;]+)/.exec(peer.received.find((m) => m.startsWith('SIP/2.0 200'))!)![1]!;
    peer.send(port(), request('ACK', peer, { toTag, cseq: 5 }));
    peer.send(port(), request('INFO', peer, { toTag, cseq: 3 }));
    await peer.waitFor(() => peer.statuses().includes(500));
  });
});

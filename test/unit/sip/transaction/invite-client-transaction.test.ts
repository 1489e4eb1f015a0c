import { describe, expect, it } from 'vitest';
import { InviteClientTransaction } from '../../../../engine/sip/transaction/invite-client-transaction.js';
import { harness } from './harness.js';

function userLog() {
  const events: string[] = [];
  return {
    events,
    user: {
      onResponse: (r: { status: number }) => events.push(`response ${r.status}`),
      onTimeout: () => events.push('timeout'),
      onTransportError: () => events.push('transport-error'),
    },
  };
}

describe('InviteClientTransaction', () => {
  it('retransmits the INVITE on Timer A at T1, 2T1, 4T1 ... and times out on Timer B at 64*T1 over UDP', () => {
    const h = harness(false);
    const { events, user } = userLog();
    const tx = new InviteClientTransaction('k', Buffer.from('INVITE'), h.context, user, () => Buffer.from('ACK'));
    tx.start();
    h.clock.advance(32_000);
    expect(h.sent.map((s) => s.at)).toEqual([0, 500, 1500, 3500, 7500, 15500, 31500]);
    expect(events).toEqual(['timeout']);
    expect(tx.state).toBe('terminated');
    expect(h.terminated).toEqual(['k']);
    expect(h.clock.timerCount).toBe(0);
  });

  it('does not retransmit over a reliable transport but still times out on Timer B', () => {
    const h = harness(true);
    const { events, user } = userLog();
    new InviteClientTransaction('k', Buffer.from('INVITE'), h.context, user, () => Buffer.from('ACK')).start();
    h.clock.advance(40_000);
    expect(h.sent).toHaveLength(1);
    expect(events).toEqual(['timeout']);
  });

  it('stops retransmitting on a provisional response and waits for the final one past Timer B', () => {
    const h = harness(false);
    const { events, user } = userLog();
    const tx = new InviteClientTransaction('k', Buffer.from('INVITE'), h.context, user, () => Buffer.from('ACK'));
    tx.start();
    h.clock.advance(600);
    tx.receiveResponse({ status: 180, message: {} });
    h.clock.advance(60_000);
    expect(h.sent).toHaveLength(2);
    expect(tx.state).toBe('proceeding');
    expect(events).toEqual(['response 180']);
  });

  it('ACKs a non-2xx final response, re-ACKs its retransmissions without telling the TU, and ends on Timer D', () => {
    const h = harness(false);
    const { events, user } = userLog();
    const tx = new InviteClientTransaction('k', Buffer.from('INVITE'), h.context, user, () => Buffer.from('ACK'));
    tx.start();
    tx.receiveResponse({ status: 486, message: {} });
    tx.receiveResponse({ status: 486, message: {} });
    expect(h.sent.map((s) => s.text)).toEqual(['INVITE', 'ACK', 'ACK']);
    expect(events).toEqual(['response 486']);
    h.clock.advance(31_999);
    expect(tx.state).toBe('completed');
    h.clock.advance(1);
    expect(tx.state).toBe('terminated');
  });

  it('passes every 2xx retransmission to the TU in Accepted (RFC 6026) and ends on Timer M', () => {
    const h = harness(false);
    const { events, user } = userLog();
    const tx = new InviteClientTransaction('k', Buffer.from('INVITE'), h.context, user, () => Buffer.from('ACK'));
    tx.start();
    tx.receiveResponse({ status: 200, message: {} });
    tx.receiveResponse({ status: 200, message: {} });
    expect(events).toEqual(['response 200', 'response 200']);
    expect(h.sent).toHaveLength(1);
    h.clock.advance(32_000);
    expect(tx.state).toBe('terminated');
    expect(h.clock.timerCount).toBe(0);
  });

  it('reports a transport error and terminates', () => {
    const h = harness(false, true);
    const { events, user } = userLog();
    const tx = new InviteClientTransaction('k', Buffer.from('INVITE'), h.context, user, () => Buffer.from('ACK'));
    tx.start();
    expect(events).toEqual(['transport-error']);
    expect(tx.state).toBe('terminated');
    expect(h.clock.timerCount).toBe(0);
  });
});

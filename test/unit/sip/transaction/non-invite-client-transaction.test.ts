import { describe, expect, it } from 'vitest';
import { NonInviteClientTransaction } from '../../../../engine/sip/transaction/non-invite-client-transaction.js';
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

describe('NonInviteClientTransaction', () => {
  it('retransmits on Timer E doubling up to T2 and times out on Timer F at 64*T1', () => {
    const h = harness(false);
    const { events, user } = userLog();
    new NonInviteClientTransaction('k', Buffer.from('BYE'), h.context, user).start();
    h.clock.advance(32_000);
    expect(h.sent.map((s) => s.at)).toEqual([0, 500, 1500, 3500, 7500, 11500, 15500, 19500, 23500, 27500, 31500]);
    expect(events).toEqual(['timeout']);
    expect(h.clock.timerCount).toBe(0);
  });

  it('retransmits every T2 once a provisional response arrived', () => {
    const h = harness(false);
    const { user } = userLog();
    const tx = new NonInviteClientTransaction('k', Buffer.from('BYE'), h.context, user);
    tx.start();
    tx.receiveResponse({ status: 100, message: {} });
    h.clock.advance(8_600);
    expect(h.sent.map((s) => s.at)).toEqual([0, 500, 4500, 8500]);
  });

  it('absorbs final response retransmissions and ends on Timer K (T4) over UDP, at once over TCP', () => {
    const udp = harness(false);
    const { events, user } = userLog();
    const tx = new NonInviteClientTransaction('k', Buffer.from('BYE'), udp.context, user);
    tx.start();
    tx.receiveResponse({ status: 200, message: {} });
    tx.receiveResponse({ status: 200, message: {} });
    expect(events).toEqual(['response 200']);
    udp.clock.advance(4_999);
    expect(tx.state).toBe('completed');
    udp.clock.advance(1);
    expect(tx.state).toBe('terminated');

    const tcp = harness(true);
    const tcpTx = new NonInviteClientTransaction('k', Buffer.from('BYE'), tcp.context, userLog().user);
    tcpTx.start();
    tcpTx.receiveResponse({ status: 200, message: {} });
    tcp.clock.advance(0);
    expect(tcpTx.state).toBe('terminated');
    expect(tcp.sent).toHaveLength(1);
  });
});

import { describe, expect, it } from 'vitest';
import { InviteServerTransaction } from '../../../../engine/sip/transaction/invite-server-transaction.js';
import { harness } from './harness.js';

describe('InviteServerTransaction', () => {
  it('re-sends the latest provisional response when the INVITE is retransmitted', () => {
    const h = harness(false);
    const tx = new InviteServerTransaction('k', h.context, {});
    tx.receiveRetransmission();
    tx.respond(100, Buffer.from('100'));
    tx.respond(180, Buffer.from('180'));
    tx.receiveRetransmission();
    expect(h.sent.map((s) => s.text)).toEqual(['100', '180', '180']);
  });

  it('retransmits a non-2xx final on Timer G up to T2 and reports a timeout on Timer H without ACK', () => {
    const h = harness(false);
    let timedOut = false;
    const tx = new InviteServerTransaction('k', h.context, { onTimeout: () => (timedOut = true) });
    tx.respond(486, Buffer.from('486'));
    h.clock.advance(32_000);
    expect(h.sent.map((s) => s.at)).toEqual([0, 500, 1500, 3500, 7500, 11500, 15500, 19500, 23500, 27500, 31500]);
    expect(timedOut).toBe(true);
    expect(tx.state).toBe('terminated');
    expect(h.clock.timerCount).toBe(0);
  });

  it('moves to Confirmed on ACK, absorbs further ACKs, and ends on Timer I (T4)', () => {
    const h = harness(false);
    const tx = new InviteServerTransaction('k', h.context, {});
    tx.respond(404, Buffer.from('404'));
    expect(tx.receiveAck()).toBe(true);
    expect(tx.receiveAck()).toBe(true);
    tx.receiveRetransmission();
    h.clock.advance(10_000);
    expect(h.sent).toHaveLength(1);
    expect(tx.state).toBe('terminated');
  });

  it('over TCP sends the final once and ends at once on ACK', () => {
    const h = harness(true);
    const tx = new InviteServerTransaction('k', h.context, {});
    tx.respond(603, Buffer.from('603'));
    h.clock.advance(10_000);
    expect(h.sent).toHaveLength(1);
    tx.receiveAck();
    h.clock.advance(0);
    expect(tx.state).toBe('terminated');
  });

  it('after a 2xx enters Accepted, absorbs INVITE retransmissions, leaves ACKs to the dialog, ends on Timer L', () => {
    const h = harness(false);
    const tx = new InviteServerTransaction('k', h.context, {});
    tx.respond(200, Buffer.from('200'));
    tx.receiveRetransmission();
    expect(tx.receiveAck()).toBe(false);
    expect(h.sent).toHaveLength(1);
    h.clock.advance(32_000);
    expect(tx.state).toBe('terminated');
  });
});

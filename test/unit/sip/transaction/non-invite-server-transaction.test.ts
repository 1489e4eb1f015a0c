import { describe, expect, it } from 'vitest';
import { NonInviteServerTransaction } from '../../../../engine/sip/transaction/non-invite-server-transaction.js';
import { harness } from './harness.js';

describe('NonInviteServerTransaction', () => {
  it('discards retransmissions in Trying, re-sends the final in Completed, and ends on Timer J (64*T1) over UDP', () => {
    const h = harness(false);
    const tx = new NonInviteServerTransaction('k', h.context, {});
    tx.receiveRetransmission();
    tx.respond(200, Buffer.from('200'));
    tx.receiveRetransmission();
    tx.respond(500, Buffer.from('500'));
    expect(h.sent.map((s) => s.text)).toEqual(['200', '200']);
    h.clock.advance(31_999);
    expect(tx.state).toBe('completed');
    h.clock.advance(1);
    expect(tx.state).toBe('terminated');
  });

  it('ends at once over a reliable transport', () => {
    const h = harness(true);
    const tx = new NonInviteServerTransaction('k', h.context, {});
    tx.respond(200, Buffer.from('200'));
    h.clock.advance(0);
    expect(tx.state).toBe('terminated');
  });
});

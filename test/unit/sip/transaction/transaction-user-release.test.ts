import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import { InviteClientTransaction } from '../../../../engine/sip/transaction/invite-client-transaction.js';
import { InviteServerTransaction } from '../../../../engine/sip/transaction/invite-server-transaction.js';
import { NonInviteClientTransaction } from '../../../../engine/sip/transaction/non-invite-client-transaction.js';
import { NonInviteServerTransaction } from '../../../../engine/sip/transaction/non-invite-server-transaction.js';
import { harness } from './harness.js';

// A transaction lingers after its final response (Timers D, J, K, L: up to 32 s on UDP). Its user is the call that
// started it; if the lingering transaction still held it, every ended call would stay in memory that long.
setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

/** Whether `user` can be collected while `holder` is still reachable. */
async function collectedWhileHeld(make: () => { holder: unknown; user: WeakRef<object> }): Promise<boolean> {
  const { holder, user } = make();
  // A WeakRef's target is kept until the job that made or read it ends.
  await new Promise((resolve) => setTimeout(resolve, 0));
  gc();
  const collected = user.deref() === undefined;
  expect(holder).toBeDefined();
  return collected;
}

function clientUser() {
  return { onResponse: () => {}, onTimeout: () => {}, onTransportError: () => {} };
}

describe('a lingering transaction lets go of its user', () => {
  it('non-INVITE client, Completed (Timer K)', async () => {
    const collected = await collectedWhileHeld(() => {
      const user = clientUser();
      const tx = new NonInviteClientTransaction('k', Buffer.from('BYE'), harness(false).context, user);
      tx.start();
      tx.receiveResponse({ status: 200, message: {} });
      expect(tx.state).toBe('completed');
      return { holder: tx, user: new WeakRef(user) };
    });
    expect(collected).toBe(true);
  });

  it('non-INVITE server, Completed (Timer J)', async () => {
    const collected = await collectedWhileHeld(() => {
      const user = { onTransportError: () => {} };
      const tx = new NonInviteServerTransaction('k', harness(false).context, user);
      tx.respond(200, Buffer.from('SIP/2.0 200 OK'));
      expect(tx.state).toBe('completed');
      return { holder: tx, user: new WeakRef(user) };
    });
    expect(collected).toBe(true);
  });

  it('INVITE server, Accepted (Timer L), but not Completed, where Timer H still tells it', async () => {
    const accepted = await collectedWhileHeld(() => {
      const user = { onTimeout: () => {} };
      const tx = new InviteServerTransaction('k', harness(false).context, user);
      tx.respond(200, Buffer.from('SIP/2.0 200 OK'));
      expect(tx.state).toBe('accepted');
      return { holder: tx, user: new WeakRef(user) };
    });
    expect(accepted).toBe(true);

    const completed = await collectedWhileHeld(() => {
      const user = { onTimeout: () => {} };
      const tx = new InviteServerTransaction('k', harness(false).context, user);
      tx.respond(486, Buffer.from('SIP/2.0 486 Busy Here'));
      expect(tx.state).toBe('completed');
      return { holder: tx, user: new WeakRef(user) };
    });
    expect(completed).toBe(false);
  });

  it('INVITE client, Completed (Timer D), but not Accepted, where 2xx retransmissions still reach it', async () => {
    const completed = await collectedWhileHeld(() => {
      const user = clientUser();
      const tx = new InviteClientTransaction('k', Buffer.from('INVITE'), harness(false).context, user, () => Buffer.from('ACK'));
      tx.start();
      tx.receiveResponse({ status: 486, message: {} });
      expect(tx.state).toBe('completed');
      return { holder: tx, user: new WeakRef(user) };
    });
    expect(completed).toBe(true);

    const accepted = await collectedWhileHeld(() => {
      const user = clientUser();
      const tx = new InviteClientTransaction('k', Buffer.from('INVITE'), harness(false).context, user, () => Buffer.from('ACK'));
      tx.start();
      tx.receiveResponse({ status: 200, message: {} });
      expect(tx.state).toBe('accepted');
      return { holder: tx, user: new WeakRef(user) };
    });
    expect(accepted).toBe(false);
  });
});

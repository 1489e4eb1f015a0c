import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import { InviteClientTransaction } from '../../../../engine/sip/transaction/invite-client-transaction.js';
import { InviteServerTransaction } from '../../../../engine/sip/transaction/invite-server-transaction.js';
import { NonInviteClientTransaction } from '../../../../engine/sip/transaction/non-invite-client-transaction.js';
import { NonInviteServerTransaction } from '../../../../engine/sip/transaction/non-invite-server-transaction.js';
import { harness } from './harness.js';

// A transaction lingers after its final response (Timers D, J, K, L, M: up to 32 s on UDP). Its user is the call that
// started it; if the lingering transaction still held it, every ended call would stay in memory that long.
setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

/** Fits every transaction's user: the client's three callbacks and the server's two. */
type AnyUser = ReturnType<typeof anyUser>;
function anyUser() {
  return { onResponse: () => {}, onTimeout: () => {}, onTransportError: () => {} };
}

type Kind = 'non-INVITE client' | 'non-INVITE server' | 'INVITE client' | 'INVITE server';

/** A new transaction of `kind` with `user`, after the final response `status` (received by a client, sent by a server). */
function finalResponse(kind: Kind, status: number, user: AnyUser): { state: string } {
  const context = harness(false).context;
  switch (kind) {
    case 'non-INVITE client': {
      const tx = new NonInviteClientTransaction('k', Buffer.from('BYE'), context, user);
      tx.start();
      tx.receiveResponse({ status, message: {} });
      return tx;
    }
    case 'INVITE client': {
      const tx = new InviteClientTransaction('k', Buffer.from('INVITE'), context, user, () => Buffer.from('ACK'));
      tx.start();
      tx.receiveResponse({ status, message: {} });
      return tx;
    }
    case 'non-INVITE server': {
      const tx = new NonInviteServerTransaction('k', context, user);
      tx.respond(status, Buffer.from(`SIP/2.0 ${status}`));
      return tx;
    }
    case 'INVITE server': {
      const tx = new InviteServerTransaction('k', context, user);
      tx.respond(status, Buffer.from(`SIP/2.0 ${status}`));
      return tx;
    }
  }
}

const cases: { kind: Kind; status: number; state: string; released: boolean; why: string }[] = [
  { kind: 'non-INVITE client', status: 200, state: 'completed', released: true, why: 'Timer K only absorbs retransmissions' },
  { kind: 'non-INVITE server', status: 200, state: 'completed', released: true, why: 'Timer J only re-sends the response' },
  { kind: 'INVITE server', status: 200, state: 'accepted', released: true, why: 'the core re-sends the 2xx itself' },
  { kind: 'INVITE server', status: 486, state: 'completed', released: false, why: 'Timer H still tells the user' },
  { kind: 'INVITE client', status: 486, state: 'completed', released: true, why: 'Timer D only re-sends the ACK' },
  { kind: 'INVITE client', status: 200, state: 'accepted', released: false, why: 'retransmitted 2xx responses still reach the user' },
];

describe('a lingering transaction and its user', () => {
  for (const { kind, status, state, released, why } of cases) {
    it(`${kind} after ${status}, in ${state}, ${released ? 'lets go' : 'keeps it'}: ${why}`, async () => {
      const { transaction, user } = (() => {
        const user = anyUser();
        return { transaction: finalResponse(kind, status, user), user: new WeakRef(user) };
      })();
      expect(transaction.state).toBe(state);
      // A WeakRef's target is kept until the job that made or read it ends.
      await new Promise((resolve) => setTimeout(resolve, 0));
      gc();
      expect(user.deref() === undefined).toBe(released);
      expect(transaction).toBeDefined();
    });
  }
});

import type { Clock } from '../../clock.js';
import { InviteClientTransaction } from './invite-client-transaction.js';
import { InviteServerTransaction } from './invite-server-transaction.js';
import { NonInviteClientTransaction } from './non-invite-client-transaction.js';
import { NonInviteServerTransaction } from './non-invite-server-transaction.js';
import type { TimerConfig } from './timer-config.js';
import type { ClientTransactionUser, ServerTransactionUser, TransactionChannel, TransactionContext } from './transaction-types.js';

export type ClientTransaction<Message> = InviteClientTransaction<Message> | NonInviteClientTransaction<Message>;
export type ServerTransaction = InviteServerTransaction | NonInviteServerTransaction;

/** The live transactions of one user agent, by matching key (see transaction-keys.ts). */
export class TransactionTable<Message> {
  private readonly clients = new Map<string, ClientTransaction<Message>>();
  private readonly servers = new Map<string, ServerTransaction>();
  // One closure per table, not per transaction: tens of thousands live at once under load (Timers J, K, L, M).
  private readonly forgetClient = (key: string): void => void this.clients.delete(key);
  private readonly forgetServer = (key: string): void => void this.servers.delete(key);

  constructor(
    private readonly clock: Clock,
    private readonly timers: TimerConfig,
  ) {}

  get clientCount(): number {
    return this.clients.size;
  }

  get serverCount(): number {
    return this.servers.size;
  }

  findClient(key: string): ClientTransaction<Message> | undefined {
    return this.clients.get(key);
  }

  findServer(key: string): ServerTransaction | undefined {
    return this.servers.get(key);
  }

  startInviteClient(
    key: string,
    request: Buffer,
    channel: TransactionChannel,
    user: ClientTransactionUser<Message>,
    buildAck: (response: Message) => Buffer,
  ): InviteClientTransaction<Message> {
    const transaction = new InviteClientTransaction(key, request, this.context(channel, this.forgetClient), user, buildAck);
    this.clients.set(key, transaction);
    transaction.start();
    return transaction;
  }

  startNonInviteClient(key: string, request: Buffer, channel: TransactionChannel, user: ClientTransactionUser<Message>): NonInviteClientTransaction<Message> {
    const transaction = new NonInviteClientTransaction(key, request, this.context(channel, this.forgetClient), user);
    this.clients.set(key, transaction);
    transaction.start();
    return transaction;
  }

  createInviteServer(key: string, channel: TransactionChannel, user: ServerTransactionUser): InviteServerTransaction {
    const transaction = new InviteServerTransaction(key, this.context(channel, this.forgetServer), user);
    this.servers.set(key, transaction);
    return transaction;
  }

  createNonInviteServer(key: string, channel: TransactionChannel, user: ServerTransactionUser): NonInviteServerTransaction {
    const transaction = new NonInviteServerTransaction(key, this.context(channel, this.forgetServer), user);
    this.servers.set(key, transaction);
    return transaction;
  }

  /** Terminates every transaction, clearing its timers. */
  close(): void {
    for (const transaction of [...this.clients.values()]) transaction.terminate();
    for (const transaction of [...this.servers.values()]) transaction.terminate();
  }

  private context(channel: TransactionChannel, onTerminated: (key: string) => void): TransactionContext {
    return { clock: this.clock, timers: this.timers, channel, onTerminated };
  }
}

import { nextRetransmitInterval, timerD, transactionTimeout } from './timer-config.js';
import { TimerSet } from './timer-set.js';
import type { ClientTransactionUser, InviteClientState, ReceivedResponse, TransactionContext } from './transaction-types.js';

/**
 * RFC 3261 section 17.1.1, with RFC 6026's "Accepted" state so that retransmitted 2xx responses reach the TU
 * (which re-sends the ACK, section 13.2.2.4) instead of being mistaken for new transactions.
 */
export class InviteClientTransaction<Message> {
  private stateValue: InviteClientState = 'calling';
  private readonly timers: TimerSet;
  private ack: Buffer | undefined;
  private interval: number | undefined;
  /**
   * Let go in Completed, where responses are no longer passed up: holding the TU would keep its whole call alive
   * for Timer D (32 s on UDP). Accepted keeps it, since retransmitted 2xx responses go to the TU.
   */
  private user: ClientTransactionUser<Message> | undefined;

  constructor(
    readonly key: string,
    private readonly request: Buffer,
    private readonly context: TransactionContext,
    user: ClientTransactionUser<Message>,
    /** Builds the ACK for a non-2xx final response (section 17.1.1.3); the transaction layer owns no parser. */
    private readonly buildAck: (response: Message) => Buffer,
  ) {
    this.user = user;
    this.timers = new TimerSet(context.clock);
  }

  get state(): InviteClientState {
    return this.stateValue;
  }

  /**
   * 17.1.1.2: "the client transaction MUST start timer A with a value of T1" on unreliable transports, and
   * "MUST set timer B with a value of 64*T1" for any transport.
   */
  start(): void {
    this.send(this.request);
    if (this.stateValue === 'terminated') return;
    if (!this.context.channel.reliable) this.scheduleTimerA();
    this.timers.start('B', transactionTimeout(this.context.timers), () => {
      if (this.stateValue !== 'calling') return;
      this.terminate();
      this.user?.onTimeout();
    });
  }

  receiveResponse(response: ReceivedResponse<Message>): void {
    const { status } = response;
    switch (this.stateValue) {
      case 'calling':
      case 'proceeding':
        if (status < 200) {
          this.transition('proceeding');
          this.timers.stop('A');
          this.user?.onResponse(response);
        } else if (status < 300) {
          // RFC 6026 section 8.4: a 2xx moves the transaction to Accepted and starts Timer M (64*T1).
          this.transition('accepted');
          this.timers.stop('A');
          this.timers.stop('B');
          this.timers.start('M', transactionTimeout(this.context.timers), () => this.terminate());
          this.user?.onResponse(response);
        } else {
          // 17.1.1.2: "the client transaction MUST generate an ACK request and pass it to the transport layer".
          this.transition('completed');
          this.timers.stop('A');
          this.timers.stop('B');
          this.ack = this.buildAck(response.message);
          this.send(this.ack);
          this.timers.start('D', timerD(this.context.timers, this.context.channel.reliable), () => this.terminate());
          const user = this.user;
          this.user = undefined;
          user?.onResponse(response);
        }
        return;
      case 'accepted':
        if (status >= 200 && status < 300) this.user?.onResponse(response);
        return;
      case 'completed':
        // "Any retransmissions of the final response that are received while in the Completed state MUST cause
        // the ACK to be re-passed to the transport layer for retransmission, but the newly received response MUST
        // NOT be passed up to the TU."
        if (status >= 300 && this.ack) this.send(this.ack);
        return;
      case 'terminated':
        return;
    }
  }

  /** The TU gave up on the transaction (e.g. the UA closed). */
  terminate(): void {
    if (this.stateValue === 'terminated') return;
    this.transition('terminated');
    this.timers.clear();
    this.context.onTerminated(this.key);
  }

  private scheduleTimerA(): void {
    this.interval = nextRetransmitInterval(this.context.timers, this.interval, false);
    this.timers.start('A', this.interval, () => {
      if (this.stateValue !== 'calling') return;
      this.send(this.request);
      this.scheduleTimerA();
    });
  }

  private send(data: Buffer): void {
    this.context.channel.send(data, (error) => {
      // Once a final response is in, a lost ACK retransmission is not the TU's failure.
      if (this.stateValue !== 'calling' && this.stateValue !== 'proceeding') return;
      this.terminate();
      this.user?.onTransportError(error);
    });
  }

  private transition(to: InviteClientState): void {
    this.stateValue = to;
  }
}

import { nextRetransmitInterval, timerIK, transactionTimeout } from './timer-config.js';
import { TimerSet } from './timer-set.js';
import type { ClientTransactionUser, NonInviteClientState, ReceivedResponse, TransactionContext } from './transaction-types.js';

/** RFC 3261 section 17.1.2: the non-INVITE client transaction (Timers E, F, K). */
export class NonInviteClientTransaction<Message> {
  private stateValue: NonInviteClientState = 'trying';
  private readonly timers: TimerSet;
  private interval: number | undefined;
  /**
   * Let go once the final response is delivered: Completed only absorbs retransmissions, and holding the TU would
   * keep its whole call alive for Timer K.
   */
  private user: ClientTransactionUser<Message> | undefined;

  constructor(
    readonly key: string,
    private readonly request: Buffer,
    private readonly context: TransactionContext,
    user: ClientTransactionUser<Message>,
  ) {
    this.user = user;
    this.timers = new TimerSet(context.clock);
  }

  get state(): NonInviteClientState {
    return this.stateValue;
  }

  /** 17.1.2.2: "timer F MUST be set to fire in 64*T1 seconds"; on unreliable transports "timer E MUST be set". */
  start(): void {
    this.send(this.request);
    if (this.stateValue === 'terminated') return;
    if (!this.context.channel.reliable) this.scheduleTimerE();
    this.timers.start('F', transactionTimeout(this.context.timers), () => {
      if (this.stateValue !== 'trying' && this.stateValue !== 'proceeding') return;
      this.terminate();
      this.user?.onTimeout();
    });
  }

  receiveResponse(response: ReceivedResponse<Message>): void {
    if (this.stateValue !== 'trying' && this.stateValue !== 'proceeding') return;
    if (response.status < 200) {
      this.stateValue = 'proceeding';
      this.user?.onResponse(response);
      return;
    }
    // "Once the client transaction enters the Completed state, it MUST set Timer K to fire in T4 seconds for
    // unreliable transports, and zero seconds for reliable transports." Retransmissions are absorbed until then.
    this.stateValue = 'completed';
    this.timers.stop('E');
    this.timers.stop('F');
    this.timers.start('K', timerIK(this.context.timers, this.context.channel.reliable), () => this.terminate());
    const user = this.user;
    this.user = undefined;
    user?.onResponse(response);
  }

  terminate(): void {
    if (this.stateValue === 'terminated') return;
    this.stateValue = 'terminated';
    this.timers.clear();
    this.context.onTerminated(this.key);
  }

  /**
   * "If timer E fires while still in this [Trying] state, the timer is reset, but this time with a value of
   * MIN(2*T1, T2)"; in Proceeding "the timer is reset with a value of T2 seconds".
   */
  private scheduleTimerE(): void {
    this.interval =
      this.stateValue === 'proceeding' ? this.context.timers.t2 : nextRetransmitInterval(this.context.timers, this.interval, true);
    this.timers.start('E', this.interval, () => {
      if (this.stateValue !== 'trying' && this.stateValue !== 'proceeding') return;
      this.send(this.request);
      this.scheduleTimerE();
    });
  }

  private send(data: Buffer): void {
    this.context.channel.send(data, (error) => {
      if (this.stateValue !== 'trying' && this.stateValue !== 'proceeding') return;
      this.terminate();
      this.user?.onTransportError(error);
    });
  }
}

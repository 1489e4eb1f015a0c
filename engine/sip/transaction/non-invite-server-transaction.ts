import { timerJ } from './timer-config.js';
import { TimerSet } from './timer-set.js';
import type { NonInviteServerState, ServerTransactionUser, TransactionChannel, TransactionContext } from './transaction-types.js';

/** RFC 3261 section 17.2.2: the non-INVITE server transaction (Timer J). */
export class NonInviteServerTransaction {
  private stateValue: NonInviteServerState = 'trying';
  private readonly timers: TimerSet;
  private lastResponse: Buffer | undefined;
  /**
   * Let go once the final response is sent: Completed only re-sends it, and holding the TU would keep its whole call
   * alive for Timer J (32 s on UDP).
   */
  private user: ServerTransactionUser | undefined;

  constructor(
    readonly key: string,
    private readonly context: TransactionContext,
    user: ServerTransactionUser,
  ) {
    this.user = user;
    this.timers = new TimerSet(context.clock);
  }

  get state(): NonInviteServerState {
    return this.stateValue;
  }

  get channel(): TransactionChannel {
    return this.context.channel;
  }

  get hasResponded(): boolean {
    return this.lastResponse !== undefined;
  }

  /**
   * "Once in the "Trying" state, any further request retransmissions are discarded"; in "Proceeding" and
   * "Completed" the most recent response "MUST be passed to the transport layer for retransmission".
   */
  receiveRetransmission(): void {
    if (this.stateValue !== 'trying' && this.lastResponse) this.send(this.lastResponse);
  }

  respond(status: number, data: Buffer): void {
    if (this.stateValue !== 'trying' && this.stateValue !== 'proceeding') return;
    this.lastResponse = data;
    this.send(data);
    if (status < 200) {
      this.stateValue = 'proceeding';
      return;
    }
    // "When the server transaction enters the "Completed" state, it MUST set Timer J to fire in 64*T1 seconds for
    // unreliable transports, and zero seconds for reliable transports."
    this.stateValue = 'completed';
    this.user = undefined;
    this.timers.start('J', timerJ(this.context.timers, this.context.channel.reliable), () => this.terminate());
  }

  terminate(): void {
    if (this.stateValue === 'terminated') return;
    this.stateValue = 'terminated';
    this.timers.clear();
    this.context.onTerminated(this.key);
  }

  private send(data: Buffer): void {
    this.context.channel.send(data, (error) => {
      if (this.stateValue === 'terminated') return;
      this.terminate();
      this.user?.onTransportError?.(error);
    });
  }
}

import { nextRetransmitInterval, timerIK, transactionTimeout } from './timer-config.js';
import { TimerSet } from './timer-set.js';
import type { InviteServerState, ServerTransactionUser, TransactionChannel, TransactionContext } from './transaction-types.js';

/**
 * RFC 3261 section 17.2.1 (Timers G, H, I), with RFC 6026's "Accepted" state (Timer L): after a 2xx the
 * transaction stays alive to absorb retransmitted INVITEs, while the UAS core retransmits the 2xx itself
 * (section 13.3.1.4) until the ACK arrives.
 */
export class InviteServerTransaction {
  private stateValue: InviteServerState = 'proceeding';
  private readonly timers: TimerSet;
  private lastResponse: Buffer | undefined;
  private interval: number | undefined;
  private responded = false;
  /**
   * Let go in Accepted and Confirmed, where the TU is never told again: holding it would keep its whole call alive
   * for Timer L (32 s on UDP) after a 2xx.
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

  get state(): InviteServerState {
    return this.stateValue;
  }

  /** Where this transaction's responses go; the UAS core re-sends a 2xx through it (section 13.3.1.4). */
  get channel(): TransactionChannel {
    return this.context.channel;
  }

  /** Whether the TU has sent any response yet. */
  get hasResponded(): boolean {
    return this.responded;
  }

  /**
   * A retransmission of the INVITE. 17.2.1: "If a request retransmission is received while in the "Proceeding"
   * state, the most recent provisional response that was received from the TU MUST be passed to the transport
   * layer for retransmission"; in "Completed" the final response is re-sent the same way.
   */
  receiveRetransmission(): void {
    if ((this.stateValue === 'proceeding' || this.stateValue === 'completed') && this.lastResponse) this.send(this.lastResponse);
  }

  /**
   * An ACK for a non-2xx final response. 17.2.1: "If an ACK is received while the server transaction is in the
   * "Completed" state, the server transaction MUST transition to the "Confirmed" state" and set Timer I.
   * Returns false when the ACK does not belong to this transaction's non-2xx (so it is the dialog's).
   */
  receiveAck(): boolean {
    if (this.stateValue === 'confirmed') return true;
    if (this.stateValue !== 'completed') return false;
    this.stateValue = 'confirmed';
    this.user = undefined;
    this.timers.stop('G');
    this.timers.stop('H');
    this.timers.start('I', timerIK(this.context.timers, this.context.channel.reliable), () => this.terminate());
    return true;
  }

  /** The TU's response, serialized. */
  respond(status: number, data: Buffer): void {
    if (this.stateValue !== 'proceeding') return;
    this.responded = true;
    this.lastResponse = data;
    this.send(data);
    if (status < 200) return;
    if (status < 300) {
      // RFC 6026 section 8.5: Timer L = 64*T1 in Accepted.
      this.stateValue = 'accepted';
      this.lastResponse = undefined;
      this.user = undefined;
      this.timers.start('L', transactionTimeout(this.context.timers), () => this.terminate());
      return;
    }
    // "For unreliable transports, timer G is set to fire in T1 seconds" and "timer H MUST be set to fire in 64*T1
    // seconds for all transports".
    this.stateValue = 'completed';
    if (!this.context.channel.reliable) this.scheduleTimerG();
    this.timers.start('H', transactionTimeout(this.context.timers), () => {
      if (this.stateValue !== 'completed') return;
      this.terminate();
      this.user?.onTimeout?.();
    });
  }

  terminate(): void {
    if (this.stateValue === 'terminated') return;
    this.stateValue = 'terminated';
    this.timers.clear();
    this.context.onTerminated(this.key);
  }

  /** "If timer G fires, the response is passed to the transport layer once more ... with a value of MIN(2*T1, T2)". */
  private scheduleTimerG(): void {
    this.interval = nextRetransmitInterval(this.context.timers, this.interval, true);
    this.timers.start('G', this.interval, () => {
      if (this.stateValue !== 'completed' || !this.lastResponse) return;
      this.send(this.lastResponse);
      this.scheduleTimerG();
    });
  }

  private send(data: Buffer): void {
    this.context.channel.send(data, (error) => {
      if (this.stateValue === 'terminated') return;
      this.terminate();
      this.user?.onTransportError?.(error);
    });
  }
}

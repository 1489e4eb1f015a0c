import type { TimerHandle } from '../../clock.js';
import { nextRetransmitInterval, transactionTimeout } from '../transaction/timer-config.js';
import type { ServerTransaction } from '../transaction/transaction-table.js';
import type { SessionHost } from './session-host.js';

/**
 * RFC 3261 section 13.3.1.4: "The 2xx response is passed to the transport with an interval that starts at T1
 * seconds and doubles for each retransmission until it reaches T2 seconds ... Response retransmissions cease when
 * an ACK request for the response is received." and "If the server retransmits the 2xx response for 64*T1 seconds
 * without receiving an ACK, the dialog is confirmed, but the session SHOULD be terminated" with a BYE.
 * Over a reliable transport the network does the retransmitting, so only the 64*T1 give-up runs.
 */
export class Invite2xxRetransmitter {
  private retransmitTimer: TimerHandle | undefined;
  private giveUpTimer: TimerHandle | undefined;
  private interval: number | undefined;

  constructor(
    private readonly host: SessionHost,
    private readonly transaction: ServerTransaction,
    private readonly data: Buffer,
    /** The CSeq number of the INVITE; the ACK carries the same. */
    readonly seq: number,
    reliable: boolean,
    onGiveUp: () => void,
  ) {
    if (!reliable) this.schedule();
    this.giveUpTimer = host.clock.setTimer(() => {
      this.giveUpTimer = undefined;
      this.stop();
      onGiveUp();
    }, transactionTimeout(host.timers));
  }

  /** The INVITE was retransmitted (its 2xx was lost): send the 2xx again at once. */
  resend(): void {
    if (this.giveUpTimer) this.host.retransmitResponse(this.transaction, this.data);
  }

  stop(): void {
    if (this.retransmitTimer) this.host.clock.clearTimer(this.retransmitTimer);
    if (this.giveUpTimer) this.host.clock.clearTimer(this.giveUpTimer);
    this.retransmitTimer = undefined;
    this.giveUpTimer = undefined;
  }

  private schedule(): void {
    this.interval = nextRetransmitInterval(this.host.timers, this.interval, true);
    this.retransmitTimer = this.host.clock.setTimer(() => {
      this.retransmitTimer = undefined;
      this.host.retransmitResponse(this.transaction, this.data);
      this.schedule();
    }, this.interval);
  }
}

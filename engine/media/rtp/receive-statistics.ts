import type { ReportBlock } from './rtcp-packet.js';

const SEQ_MOD = 1 << 16;
// RFC 3550 appendix A.1's limits: a jump of more than MAX_DROPOUT ahead, or more than MAX_MISORDER behind, is a
// restart of the sender's sequence unless two consecutive packets agree.
const MAX_DROPOUT = 3000;
const MAX_MISORDER = 100;

/**
 * What one receiver knows about one source: extended sequence numbers (RFC 3550 A.1), loss (A.3) and interarrival
 * jitter (A.8). Pure: arrival times are passed in, in the stream's timestamp units.
 */
export class ReceiveStatistics {
  private started = false;
  private baseSeq = 0;
  private maxSeq = 0;
  private badSeq = SEQ_MOD + 1;
  private cycles = 0;
  private received = 0;
  private expectedPrior = 0;
  private receivedPrior = 0;
  private lastTransit: number | null = null;
  /** Jitter estimate in timestamp units, kept fractional as A.8 allows. */
  private jitterEstimate = 0;

  constructor(readonly ssrc: number) {}

  /**
   * Accounts one packet. Returns false when A.1 says the packet is not (yet) part of the stream: a large jump in
   * sequence numbers waiting for confirmation by the next packet.
   */
  update(sequenceNumber: number, rtpTimestamp: number, arrival: number, countsForJitter = true): boolean {
    if (!this.started) {
      this.restart(sequenceNumber);
      this.started = true;
    } else {
      const delta = (sequenceNumber - this.maxSeq + SEQ_MOD) % SEQ_MOD;
      if (delta < MAX_DROPOUT) {
        if (sequenceNumber < this.maxSeq) this.cycles += SEQ_MOD;
        this.maxSeq = sequenceNumber;
      } else if (delta <= SEQ_MOD - MAX_MISORDER) {
        if (sequenceNumber !== this.badSeq) {
          this.badSeq = (sequenceNumber + 1) % SEQ_MOD;
          return false;
        }
        this.restart(sequenceNumber);
      }
      // Otherwise a duplicate or a reordered packet: counted as received, as A.1 does.
    }
    this.received++;
    if (countsForJitter) this.updateJitter(rtpTimestamp, arrival);
    return true;
  }

  private restart(sequenceNumber: number): void {
    this.baseSeq = sequenceNumber;
    this.maxSeq = sequenceNumber;
    this.badSeq = SEQ_MOD + 1;
    this.cycles = 0;
    this.received = 0;
    this.expectedPrior = 0;
    this.receivedPrior = 0;
  }

  // A.8: J(i) = J(i-1) + (|D(i-1,i)| - J(i-1)) / 16, D from the difference in relative transit times.
  private updateJitter(rtpTimestamp: number, arrival: number): void {
    const transit = arrival - rtpTimestamp;
    if (this.lastTransit !== null) {
      let d = Math.abs(transit - this.lastTransit);
      // The timestamp is 32-bit and wraps; a transit difference beyond half the range is a wrap, not jitter.
      if (d > 0x80000000) d = 0x100000000 - d;
      this.jitterEstimate += (d - this.jitterEstimate) / 16;
    }
    this.lastTransit = transit;
  }

  get packetsReceived(): number {
    return this.received;
  }

  get extendedHighestSequence(): number {
    return this.cycles + this.maxSeq;
  }

  get expected(): number {
    return this.started ? this.extendedHighestSequence - this.baseSeq + 1 : 0;
  }

  /** Cumulative loss (A.3): expected minus received; negative with duplicates. */
  get cumulativeLost(): number {
    return this.expected - this.received;
  }

  get jitter(): number {
    return Math.floor(this.jitterEstimate);
  }

  /**
   * The report block for this source (section 6.4.1), closing the current reporting interval for the fraction lost.
   * `lastSenderReport` and `delay` come from the SR tracking of the caller.
   */
  takeReportBlock(lastSenderReport = 0, delaySinceLastSenderReport = 0): ReportBlock {
    const expected = this.expected;
    const expectedInterval = expected - this.expectedPrior;
    const receivedInterval = this.received - this.receivedPrior;
    const lostInterval = expectedInterval - receivedInterval;
    this.expectedPrior = expected;
    this.receivedPrior = this.received;
    const fractionLost = expectedInterval === 0 || lostInterval <= 0 ? 0 : Math.min(255, Math.floor((lostInterval * 256) / expectedInterval));
    // The field is a signed 24-bit count: clamp rather than wrap (A.3).
    const cumulativeLost = Math.max(-0x800000, Math.min(0x7fffff, this.cumulativeLost));
    return {
      ssrc: this.ssrc,
      fractionLost,
      cumulativeLost,
      extendedHighestSequence: this.extendedHighestSequence >>> 0,
      jitter: this.jitter >>> 0,
      lastSenderReport,
      delaySinceLastSenderReport,
    };
  }
}

/**
 * Collects a call's milestones as they happen and produces its {@link CallRecord} when it ends (DESIGN.md, "Call
 * records"). Timestamps are wall-clock epoch milliseconds from the injected wall clock, so the test kit's virtual
 * time shows in records too.
 */
import type { CallDirection, CallRecord, CallRecordStatus, HangupBy, HangupReason, HoldState } from './call-record.js';

export interface CallParties {
  remoteParty: string;
  localParty: string;
}

export class CallRecordBuilder {
  private status: CallRecordStatus;
  private readonly createdAt: number;
  private ringingAt: number | null = null;
  private answeredAt: number | null = null;
  private hangupAt: number | null = null;
  private hangupBy: HangupBy | null = null;
  private hangupReason: HangupReason | null = null;
  private sipCode: number | null = null;
  holdState: HoldState = 'none';

  constructor(
    private readonly direction: CallDirection,
    private readonly parties: CallParties,
    private readonly now: () => number,
  ) {
    this.createdAt = now();
    this.status = direction === 'incoming' ? 'ringing' : 'dialing';
    if (direction === 'incoming') this.ringingAt = this.createdAt;
  }

  ringing(): void {
    this.ringingAt ??= this.now();
    if (this.status === 'dialing') this.status = 'ringing';
  }

  answered(): void {
    this.answeredAt = this.now();
    this.sipCode = 200;
    this.status = 'progressing';
  }

  ended(by: HangupBy, reason: HangupReason, sipCode: number): void {
    this.hangupAt = this.now();
    this.hangupBy = by;
    this.hangupReason = reason;
    if (this.answeredAt === null) this.sipCode = sipCode;
    this.status = 'hangup';
  }

  /** Seconds between answer and hangup (or now, for a call still up). */
  durationSeconds(): number {
    if (this.answeredAt === null) return 0;
    return Math.round(((this.hangupAt ?? this.now()) - this.answeredAt) / 1000);
  }

  build(id: string, sessionId: string, recordingIds: readonly string[]): CallRecord {
    return {
      id,
      sessionId,
      direction: this.direction,
      status: this.status,
      holdState: this.holdState,
      remoteParty: this.parties.remoteParty,
      localParty: this.parties.localParty,
      hangupBy: this.hangupBy,
      hangupReason: this.hangupReason,
      sipCode: this.sipCode,
      createdAt: this.createdAt,
      ringingAt: this.ringingAt,
      answeredAt: this.answeredAt,
      hangupAt: this.hangupAt,
      durationSeconds: this.durationSeconds(),
      recordingIds: [...recordingIds],
    };
  }
}

/** Maps the SIP code a call failed or was rejected with onto the record's vocabulary. */
export function hangupReasonFor(code: number, direction: CallDirection): HangupReason {
  if (code === 486 || code === 600) return 'busy';
  if (code === 487) return 'cancel';
  if (code === 408) return direction === 'incoming' ? 'noanswer' : 'timeout';
  if (code === 603) return 'rejected';
  return 'failed';
}

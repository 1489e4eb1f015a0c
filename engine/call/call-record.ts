/**
 * One call leg as the call detail records and the management API describe it (DESIGN.md, "Call records"), folding
 * in VoIPBIN's call struct (status, direction, hangup_by, hangup_reason, tm_* timestamps) and Webex's CallSession
 * (hold states, remote party, answer time, duration).
 */
export type CallDirection = 'incoming' | 'outgoing';

export type CallRecordStatus = 'dialing' | 'ringing' | 'progressing' | 'terminating' | 'canceling' | 'hangup';

export type HoldState = 'none' | 'held' | 'remoteHeld';

export type HangupBy = 'local' | 'remote';

export type HangupReason =
  | 'normal'
  | 'failed'
  | 'busy'
  | 'cancel'
  | 'timeout'
  | 'noanswer'
  | 'dialout'
  | 'invite_timeout'
  | 'rejected'
  | 'scenario_error';

export interface CallRecord {
  id: string;
  sessionId: string;
  direction: CallDirection;
  status: CallRecordStatus;
  holdState: HoldState;
  /** The other party's number or SIP URI (the caller for incoming calls, the callee for outgoing). */
  remoteParty: string;
  /** Our side's number or URI (the dialled number for incoming calls, the caller id for outgoing). */
  localParty: string;
  hangupBy: HangupBy | null;
  hangupReason: HangupReason | null;
  /** The final SIP status code (200 for an answered call, 486, 603, 408, 487, ...). */
  sipCode: number | null;
  /** Epoch milliseconds (wall clock) of each milestone; null when it did not happen. */
  createdAt: number;
  ringingAt: number | null;
  answeredAt: number | null;
  hangupAt: number | null;
  /** Seconds between answer and hangup; 0 for a call never answered. */
  durationSeconds: number;
  recordingIds: string[];
}

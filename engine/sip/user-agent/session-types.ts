import type { SipRequest } from '../message/request.js';
import type { SipResponse } from '../message/response.js';

/** Extra header fields a caller adds to a request or response, in order. */
export type ExtraHeaders = readonly (readonly [name: string, value: string])[];

/**
 * A session's life: 'early' until a final response, 'confirmed' once a 2xx is sent or received (and, for a UAS,
 * ACKed or not), 'terminated' after BYE, CANCEL, rejection or failure.
 */
export type SessionState = 'initial' | 'early' | 'confirmed' | 'terminated';

/** Why a session ended, for the call layer's hangup reason. */
export type TerminationCause =
  | 'local-bye'
  | 'remote-bye'
  | 'local-cancel'
  | 'remote-cancel'
  | 'rejected'
  | 'failed'
  | 'timeout'
  | 'ack-timeout'
  | 'transport-error'
  | 'closed';

export interface Termination {
  readonly cause: TerminationCause;
  /** The SIP status that ended it, when one did (the final response, 487 for a cancel, 408 for a timeout). */
  readonly status?: number;
  readonly reason?: string;
}

/** An incoming in-dialog request that needs an answer from the session's owner (re-INVITE, UPDATE). */
export interface OfferRequest {
  readonly request: SipRequest;
  /** The SDP offer, or undefined for an offerless re-INVITE (the answer then carries our offer). */
  readonly sdp: string | undefined;
  accept(sdp: string | undefined, headers?: ExtraHeaders): void;
  reject(status: number, reason?: string, headers?: ExtraHeaders): void;
}

/** A REFER received in the dialog (RFC 3515), already answered 202; report progress with `notify`. */
export interface IncomingRefer {
  readonly request: SipRequest;
  /** The Refer-To URI, with its embedded headers (e.g. `Replaces`, RFC 3891) left in place. */
  readonly referTo: string;
  /** The Replaces value carried in the Refer-To URI, decoded, for attended transfer. */
  readonly replaces: ReplacesTarget | undefined;
  readonly referredBy: string | undefined;
  /** Sends NOTIFY with a `message/sipfrag` of the status line (RFC 3515 section 2.4.5). */
  notify(status: number, reason?: string): void;
}

/** RFC 3891: the dialog an INVITE with Replaces (or a Refer-To carrying one) wants to take over. */
export interface ReplacesTarget {
  readonly callId: string;
  readonly toTag: string;
  readonly fromTag: string;
  readonly earlyOnly: boolean;
}

/** Progress of a REFER we sent, from the peer's NOTIFY sipfrag (RFC 3515 section 2.4.5). */
export interface ReferProgress {
  readonly status: number;
  readonly reason: string;
  /** True when the subscription ended (a final status or Subscription-State: terminated). */
  readonly final: boolean;
}

/** Events common to incoming and outgoing sessions once the dialog exists. */
export interface DialogSessionEvents {
  [name: string]: unknown[];
  /** The peer hung up (BYE), already answered 200. */
  bye: [request: SipRequest];
  /** A re-INVITE from the peer; answer it with accept/reject. Without a listener it is accepted with the last SDP. */
  reinvite: [offer: OfferRequest];
  /** An UPDATE from the peer (RFC 3311); same contract as reinvite. */
  update: [offer: OfferRequest];
  /** INFO (e.g. DTMF relay), already answered 200. */
  info: [request: SipRequest];
  /** MESSAGE in the dialog, already answered 200. */
  message: [request: SipRequest];
  /** NOTIFY in the dialog (not a REFER's progress), already answered 200. */
  notify: [request: SipRequest];
  refer: [refer: IncomingRefer];
  /** Progress of a REFER we sent. */
  referProgress: [progress: ReferProgress];
  /** The session ended; fired exactly once. */
  terminated: [termination: Termination];
}

export interface ServerSessionEvents extends DialogSessionEvents {
  /** The ACK for our 2xx arrived (RFC 3261 section 13.3.1.4). */
  ack: [request: SipRequest];
  /** The caller cancelled before we answered; a 487 has been sent. */
  cancel: [request: SipRequest];
}

export interface ClientSessionEvents extends DialogSessionEvents {
  /** A 1xx other than 100 (180 Ringing, 183 Session Progress with early-media SDP). */
  progress: [response: SipResponse, sdp: string | undefined];
  /** The 2xx; the ACK has been sent. */
  accepted: [response: SipResponse, sdp: string | undefined];
  /** A final non-2xx, a timeout or a transport error (then the session terminates). */
  failed: [failure: Termination, response: SipResponse | undefined];
}

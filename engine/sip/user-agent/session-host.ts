import type { Clock } from '../../clock.js';
import type { SipRequest } from '../message/request.js';
import type { SipResponse } from '../message/response.js';
import type { TimerConfig } from '../transaction/timer-config.js';
import type { ServerTransaction } from '../transaction/transaction-table.js';
import type { ClientTransactionUser } from '../transaction/transaction-types.js';
import type { TransportProtocol } from '../transport/transport-types.js';

/** What a session needs from the user agent core; declared here so sessions never import the core. */
export interface SessionHost {
  readonly clock: Clock;
  readonly timers: TimerConfig;
  /** Methods we accept, for Allow headers. */
  readonly allow: string;
  /** Stamps a Via, picks the transport and starts a client transaction. Throws RequestTargetError. */
  sendRequest(request: SipRequest, user: ClientTransactionUser<SipResponse>): { terminate(): void };
  /** A CANCEL (section 9.1): it keeps the INVITE's Via and branch, so no new Via is stamped. */
  sendCancel(cancel: SipRequest, user: ClientTransactionUser<SipResponse>): void;
  /** An ACK for a 2xx: sent outside any transaction (section 13.2.2.4) to the dialog's next hop. */
  sendAck(ack: SipRequest): Buffer;
  resendAck(ack: SipRequest, data: Buffer): void;
  /** Sends a response through its server transaction; returns the bytes sent. */
  respond(transaction: ServerTransaction, response: SipResponse): Buffer;
  /** Re-sends a 2xx outside the (already accepted) transaction, for section 13.3.1.4. */
  retransmitResponse(transaction: ServerTransaction, data: Buffer): void;
  /** Our Contact for a dialog reached over this transport. */
  contact(protocol: TransportProtocol): string;
  registerDialog(key: string, session: DialogRequestHandler): void;
  unregisterDialog(key: string): void;
  /** Reports a listener or internal error (for logs); never throws. */
  reportError(error: unknown, context: string): void;
}

/** Something that takes requests inside its dialog (a session). */
export interface DialogRequestHandler {
  receiveRequest(request: SipRequest, transaction: ServerTransaction | undefined): void;
  /** A 2xx that arrived after its INVITE transaction ended: re-send the ACK (section 13.2.2.4). */
  receiveStray2xx?(response: SipResponse): void;
}

import type { Clock } from '../../clock.js';
import type { TimerConfig } from './timer-config.js';

export type InviteClientState = 'calling' | 'proceeding' | 'accepted' | 'completed' | 'terminated';
export type NonInviteClientState = 'trying' | 'proceeding' | 'completed' | 'terminated';
export type InviteServerState = 'proceeding' | 'accepted' | 'completed' | 'confirmed' | 'terminated';
export type NonInviteServerState = 'trying' | 'proceeding' | 'completed' | 'terminated';

/** How a transaction puts bytes on the wire; `reliable` decides which timers run (RFC 3261 section 17). */
export interface TransactionChannel {
  readonly reliable: boolean;
  send(data: Buffer, onError: (error: Error) => void): void;
}

export interface TransactionContext {
  readonly clock: Clock;
  readonly timers: TimerConfig;
  readonly channel: TransactionChannel;
  /** Called once when the transaction reaches "terminated", so the layer can forget it. */
  readonly onTerminated: (key: string) => void;
}

/** A response as a client transaction sees it: its status code and the parsed message for the user. */
export interface ReceivedResponse<Message> {
  readonly status: number;
  readonly message: Message;
}

/** The client transaction's user (RFC 3261 section 17.1: the TU). */
export interface ClientTransactionUser<Message> {
  onResponse(response: ReceivedResponse<Message>): void;
  /** Timer B or F fired: "the client transaction SHOULD inform the TU that a timeout has occurred". */
  onTimeout(): void;
  onTransportError(error: Error): void;
}

/** The server transaction's user. */
export interface ServerTransactionUser {
  /** Timer H fired without an ACK (INVITE only), or the transport failed: the TU learns the response was lost. */
  onTimeout?(): void;
  onTransportError?(error: Error): void;
}

/** Named so that logs and tests can read which timer fired. */
export type TimerName = 'A' | 'B' | 'D' | 'E' | 'F' | 'G' | 'H' | 'I' | 'J' | 'K' | 'L' | 'M';

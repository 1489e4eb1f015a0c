import type { Clock } from '../../clock.js';
import type { SipRequest } from '../message/request.js';
import type { TimerConfig } from '../transaction/timer-config.js';
import type { ListenConfig, TlsConfig, TransportLimits } from '../transport/transport-types.js';
import type { ServerSession } from './server-session.js';

/** Digest credentials for challenges to our requests (RFC 3261 section 22.2). */
export interface SipCredentials {
  readonly username: string;
  readonly password: string;
  /** Answer only challenges from this realm (any realm when absent). */
  readonly realm?: string;
}

export interface UserAgentOptions {
  readonly listen: readonly ListenConfig[];
  readonly tls?: TlsConfig;
  readonly limits?: Partial<TransportLimits>;
  /** T1/T2/T4 (RFC 3261 section 17.1.1.1), defaults 500/4000/5000 ms. */
  readonly timers?: Partial<TimerConfig>;
  /** Transaction and session timers run on this clock (a fake one in unit tests). */
  readonly clock?: Clock;
  /** The User-Agent header of our requests. */
  readonly userAgentName?: string;
  /** Every out-of-dialog request is routed through this proxy (pre-loaded route set, section 8.1.2). */
  readonly outboundProxy?: string;
  /** Credentials for 401/407 challenges to our INVITEs. */
  readonly credentials?: SipCredentials;
  /**
   * Answer UDP requests to the address and port they came from even when the top Via has no rport (what
   * Kamailio calls force_rport): for peers behind NAT that do not ask for RFC 3581 symmetric responses.
   */
  readonly forceRport?: boolean;
  /** SO_RCVBUF/SO_SNDBUF for the UDP socket (default 4 MiB, capped by the kernel at net.core.rmem_max/wmem_max). */
  readonly udpSocketBufferBytes?: number;
}

/** How the user agent reports to its owner (the call layer). */
export interface UserAgentDelegate {
  /** A new incoming INVITE, already answered 100 Trying. The owner must ring, accept or reject it. */
  onInvite(session: ServerSession): void;
  /** An out-of-dialog MESSAGE (RFC 3428); answered with the returned status (200 when absent). */
  onMessage?(request: SipRequest): number | void;
  /** Something went wrong that has no other owner: a throwing listener, a failed send. For logs. */
  onError?(error: unknown, context: string): void;
}

/** Counts for metrics and for tests asserting that everything was released. */
export interface UserAgentStats {
  readonly clientTransactions: number;
  readonly serverTransactions: number;
  readonly dialogs: number;
  readonly pendingInvites: number;
  /** Sessions, incoming and outgoing, not yet terminated. */
  readonly sessions: number;
  readonly openConnections: number;
}

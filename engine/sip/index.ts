/**
 * The SIP signalling layer's public surface: a user agent that answers and places INVITE sessions over UDP, TCP and
 * TLS (RFC 3261 sections 8-22, RFC 3515, RFC 3311, RFC 3891, RFC 3581, RFC 6026). See docs/sip.md.
 */
export { UserAgent } from './user-agent/user-agent.js';
export type { UserAgentDelegate, UserAgentOptions, UserAgentStats, SipCredentials } from './user-agent/user-agent-types.js';
export { ServerSession } from './user-agent/server-session.js';
export { ClientSession, type InviteOptions } from './user-agent/client-session.js';
export { DialogSession, type RequestOptions } from './user-agent/dialog-session.js';
export { SessionError, type SessionErrorCode } from './user-agent/session-error.js';
export type {
  ClientSessionEvents,
  DialogSessionEvents,
  ExtraHeaders,
  IncomingRefer,
  OfferRequest,
  ReferProgress,
  ReplacesTarget,
  ServerSessionEvents,
  SessionState,
  Termination,
  TerminationCause,
} from './user-agent/session-types.js';
export { referHeaders } from './user-agent/refer.js';
export { defaultTimerConfig, type TimerConfig } from './transaction/timer-config.js';
export { TransportError, type TransportErrorCode } from './transport/transport-error.js';
export {
  defaultTransportLimits,
  type ListenConfig,
  type TlsConfig,
  type TransportLimits,
  type TransportProtocol,
  type TransportTarget,
} from './transport/transport-types.js';

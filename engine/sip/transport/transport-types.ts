/** The public shapes of the SIP transport layer (RFC 3261 section 18). */

export type TransportProtocol = 'udp' | 'tcp' | 'tls';

/** Where a message goes: a transport protocol and a host:port. */
export interface TransportTarget {
  readonly protocol: TransportProtocol;
  readonly host: string;
  readonly port: number;
}

/** Where a received message came from, with the stream connection it arrived on (undefined for UDP). */
export interface MessageSource {
  readonly protocol: TransportProtocol;
  readonly remoteAddress: string;
  readonly remotePort: number;
  readonly localAddress: string;
  readonly localPort: number;
  readonly connectionId?: number;
}

export interface ListenConfig {
  readonly protocol: TransportProtocol;
  readonly host: string;
  /** 0 binds an ephemeral port; read it back with `TransportLayer.localTarget`. */
  readonly port: number;
  /** The host written into Via and Contact when it differs from the bind address (e.g. a public address). */
  readonly advertisedHost?: string;
}

export interface TlsConfig {
  readonly cert: string | Buffer;
  readonly key: string | Buffer;
  readonly ca?: string | Buffer;
  /** Verify the peer's certificate on outgoing connections (default true). */
  readonly rejectUnauthorized?: boolean;
}

export interface TransportLimits {
  /** Largest message accepted on any transport, in bytes. */
  readonly maxMessageSize: number;
  /** Open stream connections across TCP and TLS, inbound and outbound. */
  readonly maxConnections: number;
  /** A stream connection with no traffic for this long is closed. */
  readonly idleTimeoutMs: number;
  /** A partly received message must complete within this time, or its connection is closed (slow senders). */
  readonly partialMessageTimeoutMs: number;
}

export const defaultTransportLimits: TransportLimits = {
  maxMessageSize: 65_535,
  maxConnections: 10_000,
  idleTimeoutMs: 120_000,
  partialMessageTimeoutMs: 10_000,
};

/** What a transport reports upward. */
export interface TransportDelegate {
  /** One complete framed message. Never throws back into the transport: the receiver guards itself. */
  onMessage(data: Buffer, source: MessageSource): void;
  /** A stream framing error or limit breach; the connection has been closed. For logs and metrics. */
  onTransportError?(error: Error, source: MessageSource | undefined): void;
}

/** Reports a failed send; a UDP send to an IP literal reports nothing (see UdpTransport.send). */
export type SendCallback = (error: Error | undefined) => void;

import { ConnectionBudget, StreamTransport } from './stream-transport.js';
import { TransportError } from './transport-error.js';
import {
  defaultTransportLimits,
  type ListenConfig,
  type SendCallback,
  type TlsConfig,
  type TransportDelegate,
  type TransportLimits,
  type TransportProtocol,
  type TransportTarget,
} from './transport-types.js';
import { UdpTransport } from './udp-transport.js';

export interface TransportLayerOptions {
  readonly listen: readonly ListenConfig[];
  readonly limits?: Partial<TransportLimits>;
  readonly tls?: TlsConfig;
  /** SO_RCVBUF/SO_SNDBUF for UDP sockets; raise it for high call rates. */
  readonly udpSocketBufferBytes?: number;
}

/** A response's destination (RFC 3261 section 18.2.2), with the connection to prefer on stream transports. */
export interface ResponseRoute extends TransportTarget {
  readonly connectionId?: number;
}

/** Every listening transport behind one send/receive surface. */
export class TransportLayer {
  private readonly udp = new Map<TransportProtocol, UdpTransport>();
  private readonly streams = new Map<TransportProtocol, StreamTransport>();
  private readonly advertised = new Map<TransportProtocol, string>();
  private closed = false;
  readonly limits: TransportLimits;

  private constructor(options: TransportLayerOptions, delegate: TransportDelegate) {
    this.limits = { ...defaultTransportLimits, ...options.limits };
    const budget = new ConnectionBudget(this.limits.maxConnections);
    for (const listen of options.listen) {
      if (this.udp.has(listen.protocol) || this.streams.has(listen.protocol)) {
        throw new TransportError('no-transport', `one listener per protocol: ${listen.protocol} given twice`);
      }
      this.advertised.set(listen.protocol, listen.advertisedHost ?? listen.host);
      if (listen.protocol === 'udp') {
        this.udp.set('udp', new UdpTransport(listen, this.limits, delegate, options.udpSocketBufferBytes));
      } else {
        this.streams.set(listen.protocol, new StreamTransport({ listen, limits: this.limits, budget, tls: options.tls }, delegate));
      }
    }
  }

  static async start(options: TransportLayerOptions, delegate: TransportDelegate): Promise<TransportLayer> {
    const layer = new TransportLayer(options, delegate);
    try {
      await Promise.all([...layer.udp.values(), ...layer.streams.values()].map((transport) => transport.listen()));
    } catch (error) {
      layer.close();
      throw error;
    }
    return layer;
  }

  has(protocol: TransportProtocol): boolean {
    return this.udp.has(protocol) || this.streams.has(protocol);
  }

  isReliable(protocol: TransportProtocol): boolean {
    return protocol !== 'udp';
  }

  /** The address to write into Via sent-by and Contact for this protocol. */
  localTarget(protocol: TransportProtocol): TransportTarget {
    const transport = this.udp.get(protocol) ?? this.streams.get(protocol);
    if (!transport) throw new TransportError('no-transport', `no ${protocol} listener`);
    return { protocol, host: this.advertised.get(protocol) ?? transport.host, port: transport.port };
  }

  get openConnections(): number {
    let count = 0;
    for (const stream of this.streams.values()) count += stream.connectionCount;
    return count;
  }

  send(target: TransportTarget, data: Buffer, callback?: SendCallback): void {
    if (this.closed) {
      callback?.(new TransportError('closed', 'transport layer closed'));
      return;
    }
    const transport = this.udp.get(target.protocol) ?? this.streams.get(target.protocol);
    if (!transport) {
      callback?.(new TransportError('no-transport', `no ${target.protocol} transport`));
      return;
    }
    transport.send(data, target.host, target.port, callback);
  }

  /**
   * RFC 3261 section 18.2.2: "If the "sent-protocol" is a reliable transport protocol such as TCP or SCTP, or TLS
   * over those, the response MUST be sent using the existing connection to the source of the original request
   * that created the transaction, if that connection is still open." Otherwise a new connection to the route.
   */
  sendResponse(route: ResponseRoute, data: Buffer, callback?: SendCallback): void {
    const stream = this.streams.get(route.protocol);
    if (stream && route.connectionId !== undefined && stream.sendOnConnection(route.connectionId, data)) {
      callback?.(undefined);
      return;
    }
    this.send(route, data, callback);
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    for (const transport of this.udp.values()) transport.close();
    for (const transport of this.streams.values()) transport.close();
  }
}

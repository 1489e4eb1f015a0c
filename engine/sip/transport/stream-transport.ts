import { createServer as createTcpServer, connect as tcpConnect, type Server, type Socket } from 'node:net';
import { createServer as createTlsServer, connect as tlsConnect } from 'node:tls';
import { StreamConnection, type StreamConnectionOwner } from './stream-connection.js';
import { TransportError } from './transport-error.js';
import type {
  ListenConfig,
  MessageSource,
  SendCallback,
  TlsConfig,
  TransportDelegate,
  TransportLimits,
} from './transport-types.js';

/** Counts open stream connections across every stream transport, so the limit holds for TCP and TLS together. */
export class ConnectionBudget {
  open = 0;
  constructor(readonly max: number) {}
}

export interface StreamTransportOptions {
  readonly listen: ListenConfig;
  readonly limits: TransportLimits;
  readonly budget: ConnectionBudget;
  readonly tls?: TlsConfig;
}

/**
 * A TCP or TLS listener plus its pool of connections, inbound and outbound. RFC 3261 section 18.2.2: a response
 * goes back over the connection the request came in on; section 18.1.1 allows reuse of an existing connection
 * to the same destination for new requests, which avoids a handshake per request.
 */
export class StreamTransport implements StreamConnectionOwner {
  readonly reliable = true;
  private readonly server: Server;
  private readonly byId = new Map<number, StreamConnection>();
  private readonly byRemote = new Map<string, StreamConnection>();
  private nextId = 1;
  private closed = false;
  private boundPort = 0;

  constructor(
    private readonly options: StreamTransportOptions,
    private readonly delegate: TransportDelegate,
  ) {
    const onSocket = (socket: Socket): void => this.accept(socket);
    if (options.listen.protocol === 'tls') {
      if (!options.tls) throw new TransportError('no-transport', 'a TLS listener needs tls.cert and tls.key');
      this.server = createTlsServer({ cert: options.tls.cert, key: options.tls.key, ca: options.tls.ca }, onSocket);
      this.server.on('tlsClientError', () => undefined);
    } else {
      this.server = createTcpServer(onSocket);
    }
    this.server.on('error', (error) => this.delegate.onTransportError?.(error, undefined));
  }

  get protocol(): 'tcp' | 'tls' {
    return this.options.listen.protocol === 'tls' ? 'tls' : 'tcp';
  }

  get port(): number {
    return this.boundPort;
  }

  get host(): string {
    return this.options.listen.host;
  }

  get connectionCount(): number {
    return this.byId.size;
  }

  listen(): Promise<void> {
    return new Promise((resolve, reject) => {
      const onError = (error: Error): void => reject(new TransportError('listen-failed', `${this.protocol} listen ${this.host}:${this.options.listen.port}: ${error.message}`, { cause: error }));
      this.server.once('error', onError);
      this.server.listen({ port: this.options.listen.port, host: this.options.listen.host, backlog: 1024 }, () => {
        this.server.off('error', onError);
        const address = this.server.address();
        this.boundPort = typeof address === 'object' && address ? address.port : 0;
        resolve();
      });
    });
  }

  /** Writes on the given connection if it is still open; returns false when it is gone. */
  sendOnConnection(connectionId: number, data: Buffer): boolean {
    const connection = this.byId.get(connectionId);
    if (!connection || connection.isClosed) return false;
    connection.write(data);
    return true;
  }

  /** Sends to host:port, reusing an open connection to it or opening one. */
  send(data: Buffer, host: string, port: number, callback?: SendCallback): void {
    if (this.closed) {
      callback?.(new TransportError('closed', `${this.protocol} transport closed`));
      return;
    }
    const key = `${host}:${port}`;
    let connection = this.byRemote.get(key);
    if (!connection || connection.isClosed) {
      if (this.options.budget.open >= this.options.budget.max) {
        callback?.(new TransportError('connection-limit', `no connection to ${key}: ${this.options.budget.max} open`));
        return;
      }
      connection = this.dial(host, port, key);
    }
    connection.write(data, callback);
  }

  onMessage(data: Buffer, source: MessageSource): void {
    this.delegate.onMessage(data, source);
  }

  onClosed(connection: StreamConnection, error: Error | undefined): void {
    if (this.byId.delete(connection.id)) this.options.budget.open--;
    if (this.byRemote.get(connection.remoteKey) === connection) this.byRemote.delete(connection.remoteKey);
    if (error) this.delegate.onTransportError?.(error, undefined);
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.server.close();
    for (const connection of [...this.byId.values()]) connection.close();
  }

  private accept(socket: Socket): void {
    if (this.closed || this.options.budget.open >= this.options.budget.max) {
      socket.destroy();
      return;
    }
    const key = `${stripMappedPrefix(socket.remoteAddress ?? '')}:${socket.remotePort ?? 0}`;
    this.register(socket, key, true);
  }

  private dial(host: string, port: number, key: string): StreamConnection {
    const socket =
      this.protocol === 'tls'
        ? tlsConnect({ host, port, ca: this.options.tls?.ca, rejectUnauthorized: this.options.tls?.rejectUnauthorized ?? true, servername: isIpLiteral(host) ? undefined : host })
        : tcpConnect({ host, port });
    return this.register(socket, key, false);
  }

  private register(socket: Socket, key: string, connected: boolean): StreamConnection {
    const id = this.nextId++;
    const connection = new StreamConnection(id, this.protocol, socket, this.options.limits, this, key, connected);
    this.byId.set(id, connection);
    this.byRemote.set(key, connection);
    this.options.budget.open++;
    return connection;
  }
}

function stripMappedPrefix(address: string): string {
  return address.startsWith('::ffff:') ? address.slice(7) : address;
}

function isIpLiteral(host: string): boolean {
  return /^[\d.]+$/.test(host) || host.includes(':');
}

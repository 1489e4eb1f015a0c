import type { Socket } from 'node:net';
import { SipStreamFramer } from '../message/stream-framer.js';
import { TransportError } from './transport-error.js';
import type { MessageSource, SendCallback, TransportLimits, TransportProtocol } from './transport-types.js';

export interface StreamConnectionOwner {
  onMessage(data: Buffer, source: MessageSource): void;
  onClosed(connection: StreamConnection, error: Error | undefined): void;
}

/**
 * One TCP or TLS connection: frames its input, bounds idle time and slow senders, and writes queued output once
 * connected. RFC 3261 section 18.3: "if an error occurs in framing on a stream-oriented transport, the connection
 * MUST be closed" — there is no way to find the start of the next message.
 */
export class StreamConnection {
  private connected: boolean;
  private closed = false;
  private pending: { data: Buffer; callback: SendCallback | undefined }[] = [];
  private partialTimer: NodeJS.Timeout | undefined;
  private sourceCache: MessageSource | undefined;
  private readonly framer: SipStreamFramer;

  constructor(
    readonly id: number,
    readonly protocol: TransportProtocol,
    private readonly socket: Socket,
    private readonly limits: TransportLimits,
    private readonly owner: StreamConnectionOwner,
    /** "host:port" of the peer as we dialled it, for outbound reuse; inbound uses the socket's remote address. */
    readonly remoteKey: string,
    connected: boolean,
  ) {
    this.connected = connected;
    this.framer = new SipStreamFramer({ maxSize: limits.maxMessageSize });
    socket.setNoDelay(true);
    socket.setTimeout(limits.idleTimeoutMs);
    socket.on('data', (chunk: Buffer) => this.receive(chunk));
    socket.on('timeout', () => this.close(new TransportError('idle-timeout', `connection ${remoteKey} idle`)));
    socket.on('error', (error) => this.close(new TransportError('send-failed', `connection ${remoteKey}: ${error.message}`, { cause: error })));
    socket.on('close', () => this.close(undefined));
    if (!connected) socket.once(protocol === 'tls' ? 'secureConnect' : 'connect', () => this.onConnected());
  }

  get isClosed(): boolean {
    return this.closed;
  }

  /** Writes now, or once connected; `callback` learns whether a queued write could be made at all. */
  write(data: Buffer, callback?: SendCallback): void {
    if (this.closed) {
      callback?.(new TransportError('closed', `connection ${this.remoteKey} closed`));
      return;
    }
    if (!this.connected) {
      this.pending.push({ data, callback });
      return;
    }
    this.socket.write(data);
    callback?.(undefined);
  }

  close(error?: Error): void {
    if (this.closed) return;
    this.closed = true;
    this.clearPartialTimer();
    const unsent = this.pending;
    this.pending = [];
    this.socket.destroy();
    for (const { callback } of unsent) {
      callback?.(new TransportError('connect-failed', `connection ${this.remoteKey}: ${error?.message ?? 'closed before connecting'}`));
    }
    this.owner.onClosed(this, error);
  }

  private onConnected(): void {
    if (this.closed) return;
    this.connected = true;
    this.sourceCache = undefined;
    const queued = this.pending;
    this.pending = [];
    for (const { data, callback } of queued) {
      this.socket.write(data);
      callback?.(undefined);
    }
  }

  private receive(chunk: Buffer): void {
    if (this.closed) return;
    let messages: Buffer[];
    try {
      const framed = this.framer.push(chunk);
      messages = framed.messages;
      // RFC 5626 section 4.4.1: a CRLFCRLF ping is answered with a CRLF pong.
      if (framed.keepAlives > 0 && this.connected) this.socket.write('\r\n');
    } catch (error) {
      this.close(new TransportError('framing', `connection ${this.remoteKey}: ${(error as Error).message}`, { cause: error }));
      return;
    }
    if (this.framer.pendingBytes > this.limits.maxMessageSize) {
      this.close(new TransportError('message-too-large', `connection ${this.remoteKey}: message over ${this.limits.maxMessageSize} bytes`));
      return;
    }
    const source = this.source();
    for (const message of messages) {
      if (this.closed) return;
      this.owner.onMessage(message, source);
    }
    if (messages.length > 0) this.clearPartialTimer();
    this.trackPartial();
  }

  /** A sender that trickles a message byte by byte must finish it in bounded time, or it holds memory forever. */
  private trackPartial(): void {
    if (this.framer.pendingBytes === 0) {
      this.clearPartialTimer();
      return;
    }
    if (this.partialTimer) return;
    this.partialTimer = setTimeout(() => {
      this.partialTimer = undefined;
      this.close(new TransportError('partial-timeout', `connection ${this.remoteKey}: incomplete message for ${this.limits.partialMessageTimeoutMs} ms`));
    }, this.limits.partialMessageTimeoutMs);
    this.partialTimer.unref();
  }

  private clearPartialTimer(): void {
    if (this.partialTimer) clearTimeout(this.partialTimer);
    this.partialTimer = undefined;
  }

  private source(): MessageSource {
    this.sourceCache ??= {
      protocol: this.protocol,
      remoteAddress: stripMappedPrefix(this.socket.remoteAddress ?? ''),
      remotePort: this.socket.remotePort ?? 0,
      localAddress: stripMappedPrefix(this.socket.localAddress ?? ''),
      localPort: this.socket.localPort ?? 0,
      connectionId: this.id,
    };
    return this.sourceCache;
  }
}

function stripMappedPrefix(address: string): string {
  return address.startsWith('::ffff:') ? address.slice(7) : address;
}

import { createSocket, type Socket } from 'node:dgram';
import { isIP, isIPv6 } from 'node:net';
import { TransportError } from './transport-error.js';
import type { ListenConfig, SendCallback, TransportDelegate, TransportLimits } from './transport-types.js';

/**
 * Socket buffers asked of the kernel (which caps them at net.core.rmem_max / wmem_max). The default 208 KiB holds
 * only a couple of hundred datagrams on loopback, so a busy turn of the event loop (a GC, a burst of session starts)
 * under a few hundred calls per second overflowed it, and every dropped INVITE or ACK cost the caller a 500 ms
 * retransmission (seen as p99 answer times over a second in bench/serve-calls.ts).
 */
export const defaultUdpSocketBufferBytes = 4 << 20;

/**
 * One UDP socket. RFC 3261 section 18.3: "In the case of message-oriented transports (such as UDP), if the message
 * has a Content-Length header field, the message body is assumed to contain that many bytes" — so a datagram is
 * handed up whole and the parser frames it; trailing octets are the parser's to ignore.
 */
export class UdpTransport {
  readonly reliable = false;
  private readonly socket: Socket;
  private closed = false;
  private boundPort = 0;

  constructor(
    private readonly config: ListenConfig,
    private readonly limits: TransportLimits,
    private readonly delegate: TransportDelegate,
    private readonly socketBufferBytes?: number,
  ) {
    this.socket = createSocket({ type: isIPv6(config.host) ? 'udp6' : 'udp4', reuseAddr: false });
    this.socket.on('message', (data, rinfo) => this.receive(data, rinfo.address, rinfo.port));
    this.socket.on('error', (error) => this.delegate.onTransportError?.(error, undefined));
  }

  listen(): Promise<void> {
    return new Promise((resolve, reject) => {
      const onError = (error: Error): void => reject(new TransportError('listen-failed', `udp bind ${this.config.host}:${this.config.port}: ${error.message}`, { cause: error }));
      this.socket.once('error', onError);
      this.socket.bind(this.config.port, this.config.host, () => {
        this.socket.off('error', onError);
        this.boundPort = this.socket.address().port;
        const bufferBytes = this.socketBufferBytes ?? defaultUdpSocketBufferBytes;
        this.socket.setRecvBufferSize(bufferBytes);
        this.socket.setSendBufferSize(bufferBytes);
        resolve();
      });
    });
  }

  get port(): number {
    return this.boundPort;
  }

  get host(): string {
    return this.config.host;
  }

  send(data: Buffer, host: string, port: number, callback?: SendCallback): void {
    if (this.closed) {
      callback?.(new TransportError('closed', 'udp transport closed'));
      return;
    }
    // A send to an IP literal can only fail synchronously-invisibly (ICMP is not reported on unconnected UDP
    // sockets), and the completion callback costs about a third of a send: only a name lookup gets one.
    if (isIP(host) !== 0) {
      this.socket.send(data, port, host);
      return;
    }
    this.socket.send(data, port, host, (error) => {
      callback?.(error ? new TransportError('send-failed', `udp send to ${host}:${port}: ${error.message}`, { cause: error }) : undefined);
    });
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.socket.close();
  }

  private receive(data: Buffer, address: string, port: number): void {
    if (data.length > this.limits.maxMessageSize) return;
    // RFC 3261 section 7.5: keep-alive CRLFs and stray whitespace datagrams are not messages.
    if (data.length <= 4 && data.every((octet) => octet === 0x0d || octet === 0x0a)) return;
    this.delegate.onMessage(data, {
      protocol: 'udp',
      remoteAddress: address,
      remotePort: port,
      localAddress: this.config.host,
      localPort: this.boundPort,
    });
  }
}

import { createSocket } from 'node:dgram';
import { connect } from 'node:net';

/** The status codes of every response in a chunk of received bytes (status lines only). */
export function statusesIn(data: Buffer): number[] {
  return [...data.toString('latin1').matchAll(/(?:^|\r\n)SIP\/2\.0 (\d{3}) /g)].map((match) => Number(match[1]));
}

/** Sends one datagram from a fresh socket and collects the statuses answered within `waitMs`. */
export function sendUdp(port: number, message: Buffer, waitMs: number): Promise<number[]> {
  return new Promise((resolve, reject) => {
    const socket = createSocket('udp4');
    const statuses: number[] = [];
    socket.on('message', (data) => statuses.push(...statusesIn(data)));
    socket.once('error', reject);
    socket.bind(0, '127.0.0.1', () => {
      socket.send(message, port, '127.0.0.1');
      setTimeout(() => socket.close(() => resolve(statuses)), waitMs);
    });
  });
}

export interface TcpOutcome {
  readonly statuses: number[];
  /** The server closed the connection within the wait. */
  readonly closedByServer: boolean;
}

/** Writes bytes on a fresh TCP connection and collects the answers, noting whether the server hung up. */
export function sendTcp(port: number, message: Buffer, waitMs: number): Promise<TcpOutcome> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1');
    let received = Buffer.alloc(0);
    let closedByServer = false;
    socket.on('data', (data) => (received = Buffer.concat([received, data])));
    socket.on('end', () => (closedByServer = true));
    socket.on('close', () => (closedByServer = true));
    socket.once('error', (error: NodeJS.ErrnoException) => {
      if (error.code === 'ECONNRESET') closedByServer = true;
      else reject(error);
    });
    socket.once('connect', () => socket.write(message));
    setTimeout(() => {
      socket.destroy();
      resolve({ statuses: statusesIn(received), closedByServer });
    }, waitMs);
  });
}

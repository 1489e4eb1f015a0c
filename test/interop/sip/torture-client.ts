import { createSocket } from 'node:dgram';
import { connect } from 'node:net';

/** The status codes of every response in a chunk of received bytes (status lines only). */
export function statusesIn(data: Buffer): number[] {
  return [...data.toString('latin1').matchAll(/(?:^|\r\n)SIP\/2\.0 (\d{3}) /g)].map((match) => Number(match[1]));
}

/**
 * Sends one datagram from a fresh socket and collects the statuses answered within `waitMs`, or until the first
 * final status when `untilFinal` (so a loaded machine gets time without slowing the quiet case).
 */
export function sendUdp(port: number, message: Buffer, waitMs: number, untilFinal = false): Promise<number[]> {
  return new Promise((resolve, reject) => {
    const socket = createSocket('udp4');
    const statuses: number[] = [];
    let timer: NodeJS.Timeout | undefined;
    const finish = (): void => {
      clearTimeout(timer);
      socket.close(() => resolve(statuses));
    };
    socket.on('message', (data) => {
      statuses.push(...statusesIn(data));
      if (untilFinal && statuses.some((status) => status >= 200)) finish();
    });
    socket.once('error', reject);
    socket.bind(0, '127.0.0.1', () => {
      socket.send(message, port, '127.0.0.1');
      timer = setTimeout(finish, waitMs);
    });
  });
}

export interface TcpOutcome {
  readonly statuses: number[];
  /** The server closed the connection within the wait. */
  readonly closedByServer: boolean;
}

/**
 * Writes bytes on a fresh TCP connection and collects the answers, noting whether the server hung up. Returns after
 * `waitMs`, or as soon as a final status arrives or the server closes when `early` is set.
 */
export function sendTcp(port: number, message: Buffer, waitMs: number, early = false): Promise<TcpOutcome> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1');
    let received = Buffer.alloc(0);
    let closedByServer = false;
    let done = false;
    const finish = (): void => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      socket.destroy();
      resolve({ statuses: statusesIn(received), closedByServer });
    };
    const closed = (): void => {
      closedByServer = true;
      if (early) finish();
    };
    socket.on('data', (data) => {
      received = Buffer.concat([received, data]);
      if (early && statusesIn(received).some((status) => status >= 200)) finish();
    });
    socket.on('end', closed);
    socket.on('close', closed);
    socket.once('error', (error: NodeJS.ErrnoException) => {
      if (error.code === 'ECONNRESET') closed();
      else reject(error);
    });
    socket.once('connect', () => socket.write(message));
    const timer = setTimeout(finish, waitMs);
  });
}

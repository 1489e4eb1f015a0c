import { createServer } from 'node:net';
import { createSocket } from 'node:dgram';

function tcpFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });
}

function udpFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = createSocket('udp4');
    socket.once('error', () => resolve(false));
    socket.bind(port, '127.0.0.1', () => socket.close(() => resolve(true)));
  });
}

/**
 * A SIP port for baresip: it listens on UDP and TCP at `sip_listen` and on TCP at the next port for TLS, and gives up
 * entirely if any of the three is taken. Ports are drawn below the kernel's ephemeral range (32768 and up), where
 * outgoing connections of the other tests running at the same time cannot land.
 */
export async function freeBaresipSipPort(): Promise<number> {
  for (let attempt = 0; attempt < 200; attempt++) {
    const port = 21_000 + 2 * Math.floor(Math.random() * 4_000);
    if ((await udpFree(port)) && (await tcpFree(port)) && (await tcpFree(port + 1))) return port;
  }
  throw new Error('no free port pair for baresip');
}

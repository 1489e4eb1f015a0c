import { createSocket, type Socket } from 'node:dgram';

/** Plain UDP sockets on 127.0.0.1, each on an ephemeral port, and how many datagrams they have received in all. */
export interface CountingSockets {
  sockets: Socket[];
  received: number;
}

export async function bindCountingSockets(count: number): Promise<CountingSockets> {
  const bound: CountingSockets = { sockets: [], received: 0 };
  for (let i = 0; i < count; i++) {
    const socket = createSocket('udp4');
    socket.on('message', () => bound.received++);
    await new Promise<void>((resolve) => socket.bind(0, '127.0.0.1', resolve));
    bound.sockets.push(socket);
  }
  return bound;
}

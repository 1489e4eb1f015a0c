import type { Socket } from 'node:dgram';

/**
 * Sends a SIP request over UDP to a peer on 127.0.0.1 and resolves with the first message matching `expected`.
 * The peer may not be listening yet, so the request is retransmitted every 500 ms as a UDP client would (RFC 3261
 * Timer A) until a provisional or the expected response arrives.
 */
export function sendUdpSipRequest(
  socket: Socket,
  message: string,
  peer: { port: number; name: string; output?: () => string },
  expected: RegExp,
  timeoutMs: number,
): Promise<string> {
  return new Promise((resolve, reject) => {
    const retransmit = setInterval(() => socket.send(message, peer.port, '127.0.0.1'), 500);
    const timeout = setTimeout(() => {
      const output = peer.output ? `; its output:\n${peer.output()}` : '';
      finish(new Error(`${peer.name} did not answer${output}`));
    }, timeoutMs);
    const onMessage = (data: Buffer): void => {
      const text = data.toString();
      if (expected.test(text)) finish(null, text);
      else if (/^SIP\/2\.0 1\d\d /.test(text)) clearInterval(retransmit);
    };
    const finish = (error: Error | null, text = ''): void => {
      clearInterval(retransmit);
      clearTimeout(timeout);
      socket.off('message', onMessage);
      if (error) reject(error);
      else resolve(text);
    };
    socket.on('message', onMessage);
    socket.send(message, peer.port, '127.0.0.1');
  });
}

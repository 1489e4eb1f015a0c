/**
 * The far end for bench/media-endpoints.ts, in its own process: a bare UDP socket that sends every datagram straight
 * back to where it came from (the peer of every benchmarked call), and an RTCP socket beside it that drops what it
 * gets. Reports its own CPU time over IPC when asked, so the parent can keep it apart from its own.
 */
import { createSocket } from 'node:dgram';

const port = Number(process.argv[2]);
const rtp = createSocket({ type: 'udp4', recvBufferSize: 8 * 1024 * 1024, sendBufferSize: 8 * 1024 * 1024 });
const rtcp = createSocket('udp4');
let echoed = 0;
rtp.on('message', (data, from) => {
  echoed++;
  rtp.send(data, from.port, from.address);
});
rtcp.on('message', () => undefined);
rtp.bind(port, '127.0.0.1', () => rtcp.bind(port + 1, '127.0.0.1', () => process.send?.({ ready: true })));
process.on('message', (message: { cpu?: boolean; exit?: boolean }) => {
  if (message.cpu) process.send?.({ cpu: process.cpuUsage(), echoed });
  if (message.exit) {
    rtp.close();
    rtcp.close();
    process.disconnect();
  }
});

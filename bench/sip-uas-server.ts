/**
 * The minimal callscript UAS the SIP benchmark drives: answers every INVITE with 200 and SDP at once, takes the
 * ACK and the BYE. Run as its own process so that sipp and the UAS do not share an event loop.
 *   node --import tsx bench/sip-uas-server.ts <port>
 * Prints `ready <port>` on stdout once listening; exits on SIGTERM/SIGINT.
 */
import { UserAgent } from '../engine/sip/user-agent/user-agent.js';

const answer = 'v=0\r\no=- 1 1 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\nm=audio 40000 RTP/AVP 0\r\na=rtpmap:0 PCMU/8000\r\n';
let errors = 0;

const ua = await UserAgent.start(
  { listen: [{ protocol: 'udp', host: '127.0.0.1', port: Number(process.argv[2] ?? 0) }], udpSocketBufferBytes: 8 << 20 },
  {
    onInvite: (session) => session.accept(answer),
    onError: () => errors++,
  },
);
process.stdout.write(`ready ${ua.localTarget('udp').port}\n`);

const stop = (): void => {
  process.stderr.write(`${JSON.stringify({ errors, ...ua.stats })}\n`);
  ua.close();
  process.exit(0);
};
process.on('SIGTERM', stop);
process.on('SIGINT', stop);

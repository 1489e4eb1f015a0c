/**
 * CPU per call of the SIP stack without sockets: INVITE, ACK and BYE as sipp's built-in UAC writes them, fed straight
 * into the user agent core of a minimal UAS that answers at once; sends are counted, not made. Separates the stack's
 * own cost from the kernel's and from a loaded machine's scheduling, which dominate bench/sip-uas.ts.
 *   node --max-semi-space-size=32 --import tsx bench/sip-uas-core.ts [calls]
 */
import type { MessageSource } from '../engine/sip/transport/transport-types.js';
import { UserAgent } from '../engine/sip/user-agent/user-agent.js';

const answer = 'v=0\r\no=- 1 1 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\nm=audio 4000 RTP/AVP 0\r\n';
const offer = 'v=0\r\no=user1 53655765 2353687637 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\nm=audio 6000 RTP/AVP 0\r\na=rtpmap:0 PCMU/8000\r\n';
const calls = Number(process.argv[2] ?? 20_000);

let toTag = '';
const ua = await UserAgent.start({ listen: [{ protocol: 'udp', host: '127.0.0.1', port: 0 }] }, { onInvite: (session) => session.accept(answer) });
// Reach behind the public surface on purpose: the point is to leave the sockets out.
const internals = ua as unknown as { core: { receive(data: Buffer, source: MessageSource): void; transport: Record<string, unknown> } };
let sent = 0;
internals.core.transport.send = () => void sent++;
internals.core.transport.sendResponse = (_route: unknown, data: Buffer) => {
  sent++;
  const match = /\r\nTo: [^\r]*;tag=([^\r;]+)/.exec(data.toString('latin1'));
  if (match && data.includes('CSeq: 1 INVITE') && data.subarray(0, 12).toString() === 'SIP/2.0 200 ') toTag = match[1]!;
};
const source: MessageSource = { protocol: 'udp', remoteAddress: '127.0.0.1', remotePort: 5060, localAddress: '127.0.0.1', localPort: 5060 };

function request(method: string, call: number, cseq: number, tag: string, body = ''): Buffer {
  return Buffer.from(
    `${method} sip:service@127.0.0.1:5599 SIP/2.0\r\nVia: SIP/2.0/UDP 127.0.0.1:5060;branch=z9hG4bK-1-${call}-${cseq}${method}\r\n` +
      `From: sipp <sip:sipp@127.0.0.1:5060>;tag=1SIPpTag00${call}\r\nTo: service <sip:service@127.0.0.1:5599>${tag}\r\n` +
      `Call-ID: ${call}-1@127.0.0.1\r\nCSeq: ${cseq} ${method}\r\nContact: sip:sipp@127.0.0.1:5060\r\nMax-Forwards: 70\r\n` +
      `Subject: Performance Test\r\n${body ? 'Content-Type: application/sdp\r\n' : ''}Content-Length: ${body.length}\r\n\r\n${body}`,
  );
}

for (let round = 0; round < 3; round++) {
  const started = process.cpuUsage();
  for (let call = round * calls; call < (round + 1) * calls; call++) {
    internals.core.receive(request('INVITE', call, 1, '', offer), source);
    internals.core.receive(request('ACK', call, 1, `;tag=${toTag}`), source);
    internals.core.receive(request('BYE', call, 2, `;tag=${toTag}`), source);
  }
  const used = process.cpuUsage(started);
  console.log(`round ${round}: ${((used.user + used.system) / calls).toFixed(0)} us CPU per call, ${sent} messages sent so far`, JSON.stringify(ua.stats));
}
ua.close();
process.exit(0);

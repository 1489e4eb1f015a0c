import { spawn, type ChildProcess } from 'node:child_process';
import { createSocket, type Socket } from 'node:dgram';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { RtpEndpoint } from '../../../engine/media/rtp/rtp-endpoint.js';
import { SdpNegotiator } from '../../../engine/media/sdp/sdp-negotiator.js';
import { sendUdpSipRequest } from '../../support/udp-sip-request.js';

/** A UDP port that nothing holds right now on 127.0.0.1 (from the kernel's ephemeral range), for sipp's sockets. */
export async function freeUdpPort(): Promise<number> {
  const socket = createSocket('udp4');
  await new Promise<void>((resolve) => socket.bind(0, '127.0.0.1', resolve));
  const { port } = socket.address();
  await new Promise<void>((resolve) => socket.close(() => resolve()));
  return port;
}

/**
 * A real sipp (package sip-tester) acting as a UAS that answers one INVITE and plays pcaps of RTP to the media
 * address of our offer: the way sipp's own `uac_pcap` scenarios exercise a peer's media. The SIP side here is the
 * bare minimum written by hand (INVITE, ACK), so these tests depend on the media layer only.
 */
export class SippPcapPlayer {
  private readonly dir = mkdtempSync(join(tmpdir(), 'callscript-sipp-'));
  private sipp: ChildProcess | null = null;
  private socket: Socket | null = null;
  private exited: Promise<number | null> | null = null;

  constructor(
    private readonly sipPort: number,
    private readonly mediaPort: number,
  ) {}

  /** Starts sipp with a scenario that plays the pcaps in order, `gapMs` apart, then hangs on for `holdMs`. */
  start(pcaps: string[], gapMs: number, holdMs: number): void {
    const plays = pcaps
      .map((pcap) => `<nop><action><exec play_pcap_audio="${pcap}"/></action></nop>\n<pause milliseconds="${gapMs}"/>`)
      .join('\n');
    const scenario = `<?xml version="1.0" encoding="ISO-8859-1"?>
<scenario name="callscript media interop: answer and play pcaps">
<recv request="INVITE"/>
<send><![CDATA[
SIP/2.0 200 OK
[last_Via:]
[last_From:]
[last_To:];tag=[pid]SIPpTag[call_number]
[last_Call-ID:]
[last_CSeq:]
Contact: <sip:sipp@[local_ip]:[local_port]>
Content-Type: application/sdp
Content-Length: [len]

v=0
o=sipp 1 1 IN IP[local_ip_type] [local_ip]
s=-
c=IN IP[media_ip_type] [media_ip]
t=0 0
m=audio [media_port] RTP/AVP 8 101
a=rtpmap:8 PCMA/8000
a=rtpmap:101 telephone-event/8000
a=fmtp:101 0-15
]]></send>
<recv request="ACK"/>
${plays}
<pause milliseconds="${holdMs}"/>
</scenario>`;
    const path = join(this.dir, 'uas-play.xml');
    writeFileSync(path, scenario);
    const args = ['-sf', path, '-i', '127.0.0.1', '-p', String(this.sipPort), '-mi', '127.0.0.1', '-mp', String(this.mediaPort), '-m', '1', '-nostdin', '-timeout', '60s', '-nr'];
    const sipp = spawn('sipp', args, { cwd: this.dir, stdio: ['ignore', 'ignore', 'pipe'] });
    this.sipp = sipp;
    this.exited = new Promise((resolve) => sipp.once('exit', (code) => resolve(code)));
  }

  /** Sends our INVITE with the endpoint's offer, applies sipp's answer to the endpoint, and ACKs. */
  async call(endpoint: RtpEndpoint): Promise<void> {
    const negotiator = new SdpNegotiator({ address: '127.0.0.1', port: endpoint.localPort });
    const socket = createSocket('udp4');
    this.socket = socket;
    await new Promise<void>((resolve) => socket.bind(0, '127.0.0.1', resolve));
    const local = `127.0.0.1:${socket.address().port}`;
    const callId = `media-${Date.now()}@127.0.0.1`;
    const common = (method: string, branch: string) =>
      [
        `Via: SIP/2.0/UDP ${local};branch=z9hG4bK${branch}`,
        'Max-Forwards: 70',
        `From: <sip:callscript@127.0.0.1>;tag=cs1`,
        `To: <sip:sipp@127.0.0.1:${this.sipPort}>`,
        `Call-ID: ${callId}`,
        `CSeq: 1 ${method}`,
        `Contact: <sip:callscript@${local}>`,
      ];
    const offer = negotiator.createOffer();
    const invite = [`INVITE sip:sipp@127.0.0.1:${this.sipPort} SIP/2.0`, ...common('INVITE', 'inv1'), 'Content-Type: application/sdp', `Content-Length: ${Buffer.byteLength(offer)}`, '', offer].join('\r\n');
    const ok = await this.request(invite, /^SIP\/2\.0 200 /, 15_000);
    const toTag = /^To:.*;tag=([^;\s]+)/im.exec(ok)?.[1] ?? '';
    const body = ok.slice(ok.indexOf('\r\n\r\n') + 4);
    const applied = negotiator.applyAnswer(body);
    if (!applied.ok) throw new Error(`sipp's answer: ${applied.reason}`);
    endpoint.configure(applied.audio);
    const ack = [`ACK sip:sipp@127.0.0.1:${this.sipPort} SIP/2.0`, ...common('ACK', 'ack1').map((h) => (h.startsWith('To:') ? `${h};tag=${toTag}` : h)), 'Content-Length: 0', '', ''].join('\r\n');
    socket.send(ack, this.sipPort, '127.0.0.1');
  }

  /** Resolves with sipp's exit code (0 when its scenario completed). */
  finished(): Promise<number | null> {
    return this.exited ?? Promise.resolve(null);
  }

  /** Kills sipp if it still runs and removes its scenario directory. Idempotent. */
  close(): void {
    if (this.sipp && this.sipp.exitCode === null) this.sipp.kill('SIGKILL');
    this.sipp = null;
    this.socket?.close();
    this.socket = null;
    rmSync(this.dir, { recursive: true, force: true });
  }

  private request(message: string, expected: RegExp, timeoutMs: number): Promise<string> {
    return sendUdpSipRequest(this.socket!, message, { port: this.sipPort, name: 'sipp' }, expected, timeoutMs);
  }
}

import { spawn, type ChildProcess } from 'node:child_process';
import { createSocket, type Socket } from 'node:dgram';
import { mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { RtpEndpoint } from '../../../engine/media/rtp/rtp-endpoint.js';
import { SdpNegotiator } from '../../../engine/media/sdp/sdp-negotiator.js';
import { sendUdpSipRequest } from '../../support/udp-sip-request.js';
import { writeBaresipConfig } from '../../support/baresip-config.js';

/**
 * A real baresip (Debian package) that auto-answers one call and saves the audio it decodes to a WAV file with its
 * sndfile module: the far end's own record of what it heard. The SIP side here is a minimal UAC written by hand
 * (INVITE, ACK, BYE), so the test depends on the media layer only. baresip's aubridge module stands in for a sound
 * card (no device on a build machine).
 */
export class BaresipPeer {
  private readonly dir = mkdtempSync(join(tmpdir(), 'callscript-baresip-'));
  private readonly soundDir = join(this.dir, 'snd');
  private baresip: ChildProcess | null = null;
  private exited: Promise<void> | null = null;
  private socket: Socket | null = null;
  private dialog: { callId: string; toTag: string; local: string } | null = null;
  private output = '';

  constructor(
    private readonly sipPort: number,
    private readonly rtpPorts: [number, number],
  ) {}

  start(): void {
    mkdirSync(this.soundDir);
    writeBaresipConfig(this.dir, { sipPort: this.sipPort, rtpPorts: this.rtpPorts, soundDir: this.soundDir, account: '<sip:baresip@127.0.0.1>;regint=0;answermode=auto' });
    const child = spawn('baresip', ['-f', this.dir, '-t', '60'], { stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout?.on('data', (chunk: Buffer) => (this.output += chunk.toString()));
    child.stderr?.on('data', (chunk: Buffer) => (this.output += chunk.toString()));
    this.baresip = child;
    this.exited = new Promise((resolve) => child.once('exit', () => resolve()));
  }

  /** Calls baresip with the endpoint's offer; applies its answer to the endpoint and ACKs. */
  async call(endpoint: RtpEndpoint): Promise<void> {
    const negotiator = new SdpNegotiator({ address: '127.0.0.1', port: endpoint.localPort });
    const socket = createSocket('udp4');
    this.socket = socket;
    await new Promise<void>((resolve) => socket.bind(0, '127.0.0.1', resolve));
    const local = `127.0.0.1:${socket.address().port}`;
    const callId = `speech-${Date.now()}@127.0.0.1`;
    const offer = negotiator.createOffer();
    const invite = this.message('INVITE', 1, 'inv', local, callId, '', offer);
    const ok = await this.request(invite, /^SIP\/2\.0 200 /, 15_000);
    const toTag = /^To:.*;tag=([^;\s>]+)/im.exec(ok)?.[1] ?? '';
    this.dialog = { callId, toTag, local };
    const applied = negotiator.applyAnswer(ok.slice(ok.indexOf('\r\n\r\n') + 4));
    if (!applied.ok) throw new Error(`baresip's answer: ${applied.reason}`);
    endpoint.configure(applied.audio);
    socket.send(this.message('ACK', 1, 'ack', local, callId, toTag), this.sipPort, '127.0.0.1');
  }

  /** Ends the call with BYE and waits for baresip's 200. */
  async hangup(): Promise<void> {
    const dialog = this.dialog;
    if (!dialog) return;
    await this.request(this.message('BYE', 2, 'bye', dialog.local, dialog.callId, dialog.toTag), /^SIP\/2\.0 200 /, 10_000);
    this.dialog = null;
  }

  /** Stops baresip (its sndfile module closes the files on call end) and returns the WAV of what it decoded. */
  async receivedAudioFile(): Promise<string> {
    this.baresip?.kill('SIGTERM');
    await this.exited;
    const decoded = readdirSync(this.soundDir).find((name) => name.endsWith('-dec.wav'));
    if (!decoded) throw new Error(`baresip saved no decoded audio; its output:\n${this.output}`);
    return join(this.soundDir, decoded);
  }

  /** Everything baresip printed so far (e.g. its "received event: '5'" lines for RFC 4733 digits). */
  get log(): string {
    return this.output;
  }

  /** Kills baresip if still running and removes its directory. Idempotent. */
  close(): void {
    if (this.baresip && this.baresip.exitCode === null) this.baresip.kill('SIGKILL');
    this.baresip = null;
    this.socket?.close();
    this.socket = null;
    rmSync(this.dir, { recursive: true, force: true });
  }

  private message(method: string, cseq: number, branch: string, local: string, callId: string, toTag: string, sdp = ''): string {
    const uri = `sip:baresip@127.0.0.1:${this.sipPort}`;
    return [
      `${method} ${uri} SIP/2.0`,
      `Via: SIP/2.0/UDP ${local};branch=z9hG4bK${branch}${cseq}`,
      'Max-Forwards: 70',
      'From: <sip:callscript@127.0.0.1>;tag=cs1',
      `To: <${uri}>${toTag ? `;tag=${toTag}` : ''}`,
      `Call-ID: ${callId}`,
      `CSeq: ${cseq} ${method}`,
      `Contact: <sip:callscript@${local}>`,
      ...(sdp ? ['Content-Type: application/sdp'] : []),
      `Content-Length: ${Buffer.byteLength(sdp)}`,
      '',
      sdp,
    ].join('\r\n');
  }

  private request(message: string, expected: RegExp, timeoutMs: number): Promise<string> {
    return sendUdpSipRequest(this.socket!, message, { port: this.sipPort, name: 'baresip', output: () => this.output }, expected, timeoutMs);
  }
}

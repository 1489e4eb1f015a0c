import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * A real baresip (Debian package) that dials one call and quits after `seconds`; its sndfile module saves the audio
 * it decoded to a WAV file (aubridge stands in for a sound card on a build machine).
 */
export class BaresipCaller {
  private readonly dir = mkdtempSync(join(tmpdir(), 'callscript-e2e-baresip-'));
  private readonly soundDir = join(this.dir, 'snd');
  private child: ChildProcess | undefined;
  private output = '';

  async call(target: string, options: { sipPort: number; rtpPorts: [number, number]; seconds: number }): Promise<void> {
    mkdirSync(this.soundDir);
    const config = [
      'poll_method epoll',
      `sip_listen 127.0.0.1:${options.sipPort}`,
      'audio_player aubridge,callscript',
      'audio_source aubridge,callscript',
      'audio_alert aubridge,alert',
      `rtp_ports ${options.rtpPorts[0]}-${options.rtpPorts[1]}`,
      'module_path /usr/lib/baresip/modules',
      'module g711.so',
      'module aubridge.so',
      'module sndfile.so',
      'module_app account.so',
      'module_app menu.so',
      `snd_path ${this.soundDir}`,
    ].join('\n');
    writeFileSync(join(this.dir, 'config'), `${config}\n`);
    writeFileSync(join(this.dir, 'accounts'), '<sip:baresip@127.0.0.1>;regint=0\n');
    const child = spawn('baresip', ['-f', this.dir, '-e', `/dial ${target}`, '-t', String(options.seconds)], { stdio: ['ignore', 'pipe', 'pipe'] });
    this.child = child;
    child.stdout?.on('data', (chunk: Buffer) => (this.output += chunk.toString()));
    child.stderr?.on('data', (chunk: Buffer) => (this.output += chunk.toString()));
    await new Promise<void>((resolve) => child.once('exit', () => resolve()));
  }

  get log(): string {
    return this.output;
  }

  /** The WAV of what baresip decoded from the engine. */
  receivedAudioFile(): string {
    const decoded = readdirSync(this.soundDir).find((name) => name.endsWith('-dec.wav'));
    if (!decoded) throw new Error(`baresip saved no decoded audio; its output:\n${this.output}`);
    return join(this.soundDir, decoded);
  }

  /** Kills baresip if still running and removes its directory. Idempotent. */
  close(): void {
    if (this.child && this.child.exitCode === null) this.child.kill('SIGKILL');
    rmSync(this.dir, { recursive: true, force: true });
  }
}

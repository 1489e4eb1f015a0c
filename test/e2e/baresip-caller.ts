import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeBaresipConfig } from '../support/baresip-config.js';
import { freeBaresipSipPort } from '../support/baresip-port.js';

/**
 * A real baresip (Debian package) that dials one call and quits after `seconds`; its sndfile module saves the audio
 * it decoded to a WAV file (aubridge stands in for a sound card on a build machine).
 */
export class BaresipCaller {
  private readonly dir = mkdtempSync(join(tmpdir(), 'callscript-e2e-baresip-'));
  private readonly soundDir = join(this.dir, 'snd');
  private child: ChildProcess | undefined;
  private output = '';

  /**
   * Dials `target` from a free SIP port and waits for baresip to quit. A port taken between the check and baresip's
   * bind (by another test running at the same time) makes baresip give up at once: it is then started again on
   * another port.
   */
  async call(target: string, options: { rtpPorts: [number, number]; seconds: number }): Promise<void> {
    mkdirSync(this.soundDir);
    for (let attempt = 1; ; attempt++) {
      this.output = '';
      const sipPort = await freeBaresipSipPort();
      writeBaresipConfig(this.dir, { sipPort, rtpPorts: options.rtpPorts, soundDir: this.soundDir, account: '<sip:baresip@127.0.0.1>;regint=0' });
      const child = spawn('baresip', ['-f', this.dir, '-e', `/dial ${target}`, '-t', String(options.seconds)], { stdio: ['ignore', 'pipe', 'pipe'] });
      this.child = child;
      child.stdout?.on('data', (chunk: Buffer) => (this.output += chunk.toString()));
      child.stderr?.on('data', (chunk: Buffer) => (this.output += chunk.toString()));
      await new Promise<void>((resolve) => child.once('exit', () => resolve()));
      if (attempt >= 3 || !/ua: init failed|Address already in use/.test(this.output)) return;
    }
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

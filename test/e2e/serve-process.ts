import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from '../interop/sip/helpers.js';

const BIN = new URL('../../bin/callscript.js', import.meta.url).pathname;
export const E2E_SCENARIOS = new URL('../fixtures/e2e/scenarios/', import.meta.url).pathname;

export interface SessionView {
  id: string;
  scenario: string;
  status: string;
  endReason: string | null;
  log: string[];
  calls: Array<Record<string, unknown>>;
}

/**
 * A real `callscript serve` child process on free 127.0.0.1 ports, with a temporary config (shortened session
 * timers) and data directory; the test reads what happened through its management API.
 */
export class ServeProcess {
  readonly token = 'e2e-token';
  private output = '';
  private exit: Promise<number | null>;

  private constructor(
    readonly child: ChildProcess,
    readonly dir: string,
    readonly sipPort: number,
    readonly apiPort: number,
  ) {
    child.stdout?.on('data', (chunk: Buffer) => (this.output = (this.output + chunk.toString()).slice(-200_000)));
    child.stderr?.on('data', (chunk: Buffer) => (this.output = (this.output + chunk.toString()).slice(-200_000)));
    this.exit = new Promise((resolve) => child.once('exit', (code) => resolve(code)));
  }

  static async start(options: { rules: { pattern: string; scenario: string }[]; limits?: Record<string, unknown>; trunks?: unknown[] }): Promise<ServeProcess> {
    const dir = mkdtempSync(join(tmpdir(), 'callscript-e2e-'));
    const sipPort = await freePort();
    const apiPort = await freePort();
    const rtpBase = 32000 + Math.floor(Math.random() * 300) * 100;
    const config = {
      sip: { listen: [{ transport: 'udp', host: '127.0.0.1', port: sipPort }, { transport: 'tcp', host: '127.0.0.1', port: sipPort }] },
      rtp: { minPort: rtpBase, maxPort: rtpBase + 99 },
      api: { host: '127.0.0.1', port: apiPort, token: 'e2e-token' },
      dataDir: join(dir, 'data'),
      tts: { cacheDir: join(dir, 'tts') },
      sandbox: { workers: 1 },
      limits: { idleTerminateMs: 1500, drainTimeoutMs: 2000, ...options.limits },
      trunks: options.trunks ?? [],
      rules: options.rules.map((rule) => ({ pattern: rule.pattern, scenario: join(E2E_SCENARIOS, rule.scenario) })),
    };
    writeFileSync(join(dir, 'config.json'), JSON.stringify(config, null, 2));
    const child = spawn(process.execPath, [BIN, 'serve', '--config', join(dir, 'config.json')], { stdio: ['ignore', 'pipe', 'pipe'] });
    // For debugging a failing run: CALLSCRIPT_E2E_LOG=/tmp/serve.log keeps the whole engine log.
    const logFile = process.env['CALLSCRIPT_E2E_LOG'];
    if (logFile) child.stdout.pipe(createWriteStream(logFile, { flags: 'a' }));
    const serve = new ServeProcess(child, dir, sipPort, apiPort);
    await serve.waitForLog('callscript serving', 30_000);
    return serve;
  }

  get log(): string {
    return this.output;
  }

  get remote(): string {
    return `127.0.0.1:${this.sipPort}`;
  }

  async waitForLog(text: string, timeoutMs = 15_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!this.output.includes(text)) {
      if (this.child.exitCode !== null) throw new Error(`callscript serve exited ${this.child.exitCode}:\n${this.output}`);
      if (Date.now() > deadline) throw new Error(`no "${text}" from callscript serve within ${timeoutMs} ms:\n${this.output.slice(-4000)}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }

  async apiText(path: string): Promise<string> {
    const response = await fetch(`http://127.0.0.1:${this.apiPort}${path}`, { headers: { authorization: `Bearer ${this.token}` } });
    if (!response.ok) throw new Error(`GET ${path}: ${response.status} ${await response.text()}`);
    return response.text();
  }

  async api<T>(path: string): Promise<T> {
    const response = await fetch(`http://127.0.0.1:${this.apiPort}${path}`, { headers: { authorization: `Bearer ${this.token}` } });
    if (!response.ok) throw new Error(`GET ${path}: ${response.status} ${await response.text()}`);
    return (await response.json()) as T;
  }

  /** The ended sessions of a scenario, waiting until `count` of them have ended. */
  async endedSessions(scenario: string, count = 1, timeoutMs = 20_000): Promise<SessionView[]> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const { items } = await this.api<{ items: { id: string; status: string }[] }>(`/sessions?scenario=${scenario}`);
      const ended = items.filter((s) => s.status !== 'running');
      if (ended.length >= count) return Promise.all(ended.map((s) => this.api<SessionView>(`/sessions/${s.id}`)));
      if (Date.now() > deadline) throw new Error(`${ended.length}/${count} ${scenario} sessions ended in time; serve log:\n${this.output.slice(-4000)}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }

  /** The ended session of a scenario whose log holds `line`. */
  async endedSessionWith(scenario: string, line: string, timeoutMs = 20_000): Promise<SessionView> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const sessions = await this.endedSessions(scenario, 1, Math.max(0, deadline - Date.now()));
      const found = sessions.find((session) => session.log.includes(line));
      if (found) return found;
      if (Date.now() > deadline) throw new Error(`no ended ${scenario} session logged "${line}"; serve log:\n${this.output.slice(-4000)}`);
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }

  /** SIGTERM, then the exit code. */
  async terminate(timeoutMs = 20_000): Promise<number | null> {
    this.child.kill('SIGTERM');
    const timer = setTimeout(() => this.child.kill('SIGKILL'), timeoutMs);
    const code = await this.exit;
    clearTimeout(timer);
    return code;
  }

  /** Kills the process if still running and removes its directory. Idempotent. */
  async close(): Promise<void> {
    if (this.child.exitCode === null && this.child.signalCode === null) {
      this.child.kill('SIGKILL');
      await this.exit;
    }
    rmSync(this.dir, { recursive: true, force: true });
  }
}

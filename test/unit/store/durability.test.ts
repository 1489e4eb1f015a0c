/**
 * A call record is committed when the call ends and never lost to a crash after that point: the engine process is
 * killed with SIGKILL while calls keep ending, and after a restart every acknowledged record, the rules and the
 * scenario versions are there.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createInterface, type Interface } from 'node:readline';
import { afterEach, describe, expect, it } from 'vitest';
import { send, type RequestOptions } from '../api/api-test-server.js';

const fixture = resolve(__dirname, '../../fixtures/store/durable-engine.ts');
const token = 'durable-token';

interface Engine {
  child: ChildProcess;
  lines: Interface;
  url: string;
  exited: Promise<NodeJS.Signals | null>;
  call(method: string, path: string, options?: RequestOptions): ReturnType<typeof send>;
}

const running: ChildProcess[] = [];

async function startEngine(dataDir: string): Promise<Engine> {
  const child = spawn(process.execPath, ['--import', 'tsx', fixture, dataDir], {
    cwd: resolve(__dirname, '../../..'),
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  running.push(child);
  const exited = new Promise<NodeJS.Signals | null>((done) => child.once('exit', (_code, signal) => done(signal)));
  const lines = createInterface({ input: child.stdout! });
  const url = await new Promise<string>((done, fail) => {
    lines.once('line', (line) => done((JSON.parse(line) as { url: string }).url));
    child.once('exit', (code) => fail(new Error(`engine exited early with ${code}`)));
  });
  return { child, lines, url, exited, call: (method, path, options = {}) => send(url, method, path, { token, ...options }) };
}

describe('store durability across SIGKILL', () => {
  let dataDir: string | undefined;
  afterEach(() => {
    for (const child of running.splice(0)) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  it('keeps every ended call record, the rules and the scenario versions after the engine is killed', async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'callscript-durable-'));
    const first = await startEngine(dataDir);

    for (const source of ['Logger.write("v1");', 'Logger.write("v2");']) {
      expect((await first.call('POST', '/scenarios/ivr/versions', { body: source, contentType: 'text/plain' })).status).toBe(201);
    }
    expect((await first.call('POST', '/scenarios/voicemail/versions', { body: 'Logger.write(1);', contentType: 'text/plain' })).status).toBe(201);
    for (const [name, pattern, scenario] of [
      ['toll-free', '1800\\d+', 'voicemail'],
      ['all', '.*', 'ivr'],
    ]) {
      expect((await first.call('POST', '/rules', { json: { name, pattern, scenario } })).status).toBe(201);
    }
    const rulesBefore = (await first.call('GET', '/rules')).body.items;
    const session = (await first.call('POST', '/sessions', { json: { scenario: 'ivr', customData: 'durable' } })).body;

    const acknowledged: string[] = [];
    const enough = new Promise<void>((done) => {
      first.lines.on('line', (line) => {
        acknowledged.push((JSON.parse(line) as { ended: string }).ended);
        // Killed while the generator is still writing: the next record may be half-committed.
        if (acknowledged.length === 300) {
          first.child.kill('SIGKILL');
          done();
        }
      });
    });
    first.child.stdin!.write(`${JSON.stringify({ op: 'calls', sessionId: session.id })}\n`);
    await enough;
    expect(await first.exited).toBe('SIGKILL');

    const second = await startEngine(dataDir);
    const stored = new Set<string>();
    let cursor: string | null = null;
    do {
      const page: Awaited<ReturnType<typeof send>> = await second.call('GET', `/calls?limit=500&session=${session.id}${cursor ? `&cursor=${cursor}` : ''}`);
      for (const record of page.body.items as { id: string }[]) stored.add(record.id);
      cursor = page.body.nextCursor;
    } while (cursor);
    const lost = acknowledged.filter((id) => !stored.has(id));
    expect(lost).toEqual([]);
    expect(stored.size).toBeGreaterThanOrEqual(acknowledged.length);
    const sample = await second.call('GET', `/calls/${acknowledged[123]}`);
    expect(sample.body).toMatchObject({ sessionId: session.id, status: 'hangup', durationSeconds: 25 });

    expect((await second.call('GET', '/rules')).body.items).toEqual(rulesBefore);
    const ivr = (await second.call('GET', '/scenarios/ivr')).body;
    expect(ivr).toMatchObject({ currentVersion: 2, versionCount: 2 });
    expect((await second.call('GET', '/scenarios/ivr/versions/1')).body.source).toBe('Logger.write("v1");');
    expect((await second.call('GET', '/rules/match?number=18005550100')).body.scenario).toEqual({ name: 'voicemail', version: 1 });
    expect((await second.call('GET', `/sessions/${session.id}`)).body).toMatchObject({
      status: 'interrupted',
      customData: 'durable',
      endReason: 'engine restarted',
    });

    second.child.kill('SIGTERM');
    await second.exited;
    // Two engine start-ups with compile and type-check of three uploads: generous for a loaded CI machine.
  }, 120_000);
});

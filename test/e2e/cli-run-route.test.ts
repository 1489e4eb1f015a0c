import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { delay, freePort } from '../interop/sip/helpers.js';
import { killAllSipp, startSipp } from '../interop/sip/sipp.js';

const BIN = new URL('../../bin/callscript.js', import.meta.url).pathname;
const SCENARIOS = new URL('../fixtures/e2e/scenarios/', import.meta.url).pathname;
const SIPP_FIXTURES = new URL('../fixtures/sipp/', import.meta.url).pathname;

function callscript(args: string[], timeoutMs = 40_000): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [BIN, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.on('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

describe('callscript run and route', () => {
  const dir = mkdtempSync(join(tmpdir(), 'callscript-cli-'));

  afterAll(() => {
    killAllSipp();
    rmSync(dir, { recursive: true, force: true });
  });

  const writeConfig = (name: string, config: object): string => {
    const file = join(dir, name);
    writeFileSync(file, JSON.stringify(config));
    return file;
  };

  it('run: an outbound session dials through the trunk (digest auth from the trunk config), prints each call and exits 0', async () => {
    const trunkPort = await freePort();
    const trunk = startSipp({
      scenario: `${SIPP_FIXTURES}uas-auth-401.xml`,
      localPort: trunkPort,
      calls: 1,
      timeoutSeconds: 30,
      extra: ['-mi', '127.0.0.1', '-mp', String(await freePort())],
    });
    await delay(300);
    const rtpBase = 42000 + Math.floor(Math.random() * 50) * 100;
    const config = writeConfig('run.json', {
      sip: { listen: [{ transport: 'udp', host: '127.0.0.1', port: 0 }] },
      rtp: { minPort: rtpBase, maxPort: rtpBase + 19 },
      dataDir: join(dir, 'data'),
      tts: { cacheDir: join(dir, 'tts') },
      sandbox: { workers: 1 },
      limits: { idleTerminateMs: 1000 },
      trunks: [{ name: 'sipp', address: `sip:127.0.0.1:${trunkPort}`, username: 'alice', password: 'secret', numberFormat: 'e164' }],
      rules: [],
    });
    const result = await callscript(['run', join(SCENARIOS, 'notify.ts'), '--config', config, '--custom-data', '1 555 0100']);
    expect(result.code, result.stdout + result.stderr).toBe(0);
    expect(result.stdout).toMatch(/call \S+ outgoing 1 555 0100: answered, \d+ s; normal by local \(SIP 200\)/);
    expect(result.stdout).toContain('log: delivered');
    expect(result.stdout).toMatch(/session \S+ ended: terminated by scenario/);
    expect((await trunk.done).exitCode).toBe(0);
  }, 60_000);

  it('route: names the rule and scenario a number reaches, or says 404', async () => {
    const config = writeConfig('route.json', {
      dataDir: join(dir, 'route-data'),
      rules: [
        { pattern: '1800\\d+', scenario: join(SCENARIOS, 'ivr.ts') },
        { pattern: '\\+44.*', scenario: join(SCENARIOS, 'forward.ts') },
      ],
    });
    const ivr = await callscript(['route', '--to', '18005550100', '--config', config]);
    expect(ivr.stdout).toBe(`18005550100: rule #1 (config) /1800\\d+/ -> ${join(SCENARIOS, 'ivr.ts')}\n`);
    const uk = await callscript(['route', '--to', '+442071234567', '--config', config]);
    expect(uk.stdout).toContain(`rule #2 (config)`);
    const none = await callscript(['route', '--to', '911', '--config', config]);
    expect(none.code).toBe(1);
    expect(none.stdout).toContain('911: no rule matches; the call would be answered 404 Not Found');
  }, 30_000);

  it('a config with a mistake is refused before anything starts, naming the field', async () => {
    const config = writeConfig('bad.json', { sip: { listen: [{ transport: 'sctp', port: 5060 }] } });
    const result = await callscript(['route', '--to', '1', '--config', config]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('sip.listen[0].transport: expected one of udp, tcp, tls, got "sctp"');
  }, 30_000);
});

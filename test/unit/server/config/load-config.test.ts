import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ConfigError } from '../../../../engine/server/config/config-reader.js';
import { demoScenarioPath, loadEngineConfig, parseEngineConfig } from '../../../../engine/server/config/load-config.js';

const parse = (json: unknown) => parseEngineConfig(json, '/etc/callscript', '/etc/callscript/c.json', {});
const errorOf = (json: unknown): string => {
  try {
    parse(json);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as Error).message;
  }
  throw new Error('no error');
};

describe('engine config', () => {
  const dir = mkdtempSync(join(tmpdir(), 'callscript-config-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('without a file is the embedded default: UDP and TCP on 127.0.0.1:5060, API on 8080, the demo answering everything', () => {
    const config = loadEngineConfig(undefined, {});
    expect(config.sip.listen).toEqual([
      { transport: 'udp', host: '127.0.0.1', port: 5060 },
      { transport: 'tcp', host: '127.0.0.1', port: 5060 },
    ]);
    expect(config.rtp).toMatchObject({ bindAddress: '127.0.0.1', advertisedAddress: '127.0.0.1', minPort: 20000, maxPort: 20999 });
    expect(config.api).toMatchObject({ host: '127.0.0.1', port: 8080, tokenConfigured: false });
    expect(config.api.token.length).toBeGreaterThan(20);
    expect(config.dataDir).toBe(join(process.cwd(), 'data'));
    expect(config.rules).toEqual([{ pattern: '.*', scenario: demoScenarioPath }]);
    expect(config.limits).toMatchObject({ maxSessions: 10_000, drainTimeoutMs: 30_000, session: {}, httpAllowHosts: ['*'] });
    expect(config.sandboxReadyIsolates).toBe(8);
    expect(config.sandboxWorkerNice).toBe(10);
  });

  it('takes the API token from CALLSCRIPT_TOKEN when the file has none', () => {
    expect(loadEngineConfig(undefined, { CALLSCRIPT_TOKEN: 'from-env' }).api).toMatchObject({ token: 'from-env', tokenConfigured: true });
  });

  it('reads a full file, resolving paths against its folder', () => {
    const config = parse({
      sip: { listen: [{ transport: 'tls', host: '0.0.0.0', port: 5061, advertisedHost: '203.0.113.7' }], tls: { cert: 'c.pem', key: 'k.pem' }, t1Ms: 250 },
      rtp: { bindAddress: '0.0.0.0', advertisedAddress: '203.0.113.7', minPort: 30000, maxPort: 30099, mediaTimeoutMs: 3000 },
      tts: { cacheDir: 'tts', maxConcurrent: 2 },
      trunks: [{ name: 'carrier', address: 'sip:trunk.example:5060', transport: 'tcp', username: 'u', password: 'p', callerId: '1555', numberFormat: 'e164', prefix: '9' }],
      api: { port: 0, token: 't' },
      dataDir: '/var/lib/cs',
      sandbox: { workers: 3, readyIsolates: 120, workerNice: 0 },
      limits: { maxSessions: 5, drainTimeoutMs: 100, idleTerminateMs: 1000, httpAllowHosts: ['example.com'] },
      rules: [{ pattern: '1800\\d+', scenario: 'ivr.ts' }],
      log: { level: 'debug' },
    });
    expect(config.sip.tls).toEqual({ certFile: '/etc/callscript/c.pem', keyFile: '/etc/callscript/k.pem' });
    expect(config.sip.t1Ms).toBe(250);
    expect(config.tts.cacheDir).toBe('/etc/callscript/tts');
    expect(config.trunks[0]).toEqual({
      name: 'carrier', address: 'sip:trunk.example:5060', transport: 'tcp', username: 'u', password: 'p', callerId: '1555', numberFormat: 'e164', prefix: '9',
    });
    expect(config.limits).toEqual({ maxSessions: 5, drainTimeoutMs: 100, session: { idleTerminateMs: 1000 }, httpAllowHosts: ['example.com'] });
    expect(config.rules).toEqual([{ pattern: '1800\\d+', scenario: '/etc/callscript/ivr.ts' }]);
    expect(config.sandboxWorkers).toBe(3);
    expect(config.sandboxReadyIsolates).toBe(120);
    expect(config.sandboxWorkerNice).toBe(0);
    expect(config.logLevel).toBe('debug');
    expect(config.storeSync).toBe('full');
    expect(parse({ store: { sync: 'normal' } }).storeSync).toBe('normal');
  });

  it.each([
    [{ sip: { listen: [{ transport: 'sctp' }] } }, 'sip.listen[0].transport: expected one of udp, tcp, tls, got "sctp"'],
    [{ sip: { listen: [{ transport: 'udp', port: 70000 }] } }, 'sip.listen[0].port: expected an integer 0-65535, got 70000'],
    [{ sip: { listen: [{ transport: 'tls', port: 5061 }] } }, 'sip.tls: a tls listener needs sip.tls.cert and sip.tls.key'],
    [{ sip: { listen: [] } }, 'sip.listen: at least one listen address is needed'],
    [{ rtp: { minPort: 20000, maxPort: 20001 } }, 'rtp.maxPort: the range 20000-20001 holds fewer than two RTP/RTCP port pairs'],
    [{ rules: [{ pattern: 'a)(b', scenario: 'x.ts' }] }, 'rules[0].pattern: not a valid regular expression'],
    [{ rules: [{ pattern: '.*' }] }, 'rules[0].scenario: expected a non-empty string, got nothing'],
    [{ trunks: [{ name: 't', address: 'trunk.example' }] }, 'trunks[0].address: expected a SIP URI'],
    [{ trunks: [{ name: 't', address: 'sip:a', password: 'p' }] }, 'trunks[0].username: a password needs a username'],
    [{ trunks: [{ name: 't', address: 'sip:a' }, { name: 't', address: 'sip:b' }] }, 'trunks[1].name: a trunk named "t" is already configured'],
    [{ limits: { idleTimeoutMs: 5 } }, 'limits.idleTimeoutMs: unknown field'],
    [{ limits: { idleTerminateMs: -1 } }, 'limits.idleTerminateMs: expected an integer'],
    [{ api: { token: '' } }, 'api.token: expected a non-empty string, got ""'],
    [{ sandbox: { readyIsolates: 1000 } }, 'sandbox.readyIsolates: expected an integer 1-256, got 1000'],
    [{ sandbox: { workerNice: 20 } }, 'sandbox.workerNice: expected an integer 0-19, got 20'],
    [{ sipp: {} }, 'sipp: unknown field (known here: sip, rtp, tts'],
    [[], 'expected an object, got an array'],
  ])('refuses %j naming the field', (json, message) => {
    expect(errorOf(json)).toContain(message);
  });

  it('reports a missing file and a file that is not JSON', () => {
    expect(() => loadEngineConfig(join(dir, 'missing.json'), {})).toThrow(/cannot read .*missing.json: ENOENT/);
    writeFileSync(join(dir, 'bad.json'), '{ "sip": ');
    expect(() => loadEngineConfig(join(dir, 'bad.json'), {})).toThrow(/bad.json is not valid JSON/);
  });
});

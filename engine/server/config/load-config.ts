/**
 * Reads and validates the serve process's JSON config file (every field checked, errors name the field), and the
 * embedded default used when there is no file: SIP over UDP and TCP on 127.0.0.1:5060, RTP on 127.0.0.1:20000-20999,
 * the store in `./data`, the API on 127.0.0.1:8080, and the demo scenario answering every number.
 */
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { compileRulePattern, RulePatternError } from '../../routing/rule-pattern.js';
import { maxIdleIsolates } from '../../sandbox/isolate-pool.js';
import { defaultWorkerNice } from '../../sandbox/worker-priority.js';
import { defaultSessionLimits, type SessionLimits } from '../../session/session-types.js';
import { ConfigError, ConfigReader } from './config-reader.js';
import type { EngineConfig, NumberFormat, RouteRuleConfig, SipListen, TrunkConfig } from './engine-config.js';

const transports = ['udp', 'tcp', 'tls'] as const;
const numberFormats: readonly NumberFormat[] = ['e164', 'digits', 'as-dialled'];
const logLevels = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
const maxMs = 7 * 24 * 3600_000;
const defaultReadyIsolates = 8;

/** The repository's root, where `scenarios/demo.scenario.ts` lives. */
const packageRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
export const demoScenarioPath = resolve(packageRoot, 'scenarios/demo.scenario.ts');

/** Loads `file`, or the embedded default when `file` is undefined. Throws {@link ConfigError}. */
export function loadEngineConfig(file: string | undefined, env: NodeJS.ProcessEnv = process.env): EngineConfig {
  if (file === undefined) return parseEngineConfig({}, process.cwd(), undefined, env);
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new ConfigError('', `cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new ConfigError('', `${file} is not valid JSON: ${(error as Error).message}`);
  }
  return parseEngineConfig(json, dirname(resolve(file)), resolve(file), env);
}

/** Validates a parsed config; relative paths resolve against `baseDir`. */
export function parseEngineConfig(json: unknown, baseDir: string, source?: string, env: NodeJS.ProcessEnv = process.env): EngineConfig {
  const root = ConfigReader.object(json, '', ['sip', 'rtp', 'tts', 'trunks', 'api', 'dataDir', 'store', 'sandbox', 'limits', 'rules', 'log']);
  const path = (value: string) => resolve(baseDir, value);
  const dataDir = path(root.string('dataDir', './data'));

  const sipReader = root.child('sip', ['listen', 'tls', 't1Ms', 'userAgent']);
  const listen = root.has('sip') && sipReader.has('listen') ? sipReader.array('listen').map(({ value, path: at }) => readListen(value, at)) : defaultListen();
  if (listen.length === 0) throw new ConfigError('sip.listen', 'at least one listen address is needed');
  let tls: EngineConfig['sip']['tls'];
  if (sipReader.has('tls')) {
    const t = sipReader.child('tls', ['cert', 'key', 'ca']);
    tls = { certFile: path(t.string('cert')), keyFile: path(t.string('key')), ...(t.has('ca') && { caFile: path(t.string('ca')) }) };
  }
  if (listen.some((l) => l.transport === 'tls') && !tls) throw new ConfigError('sip.tls', 'a tls listener needs sip.tls.cert and sip.tls.key');

  const rtpReader = root.child('rtp', ['bindAddress', 'advertisedAddress', 'minPort', 'maxPort', 'mediaTimeoutMs']);
  const bindAddress = rtpReader.string('bindAddress', '127.0.0.1');
  const minPort = rtpReader.integer('minPort', 1024, 65534, 20000);
  const maxPort = rtpReader.integer('maxPort', 1025, 65535, 20999);
  if (maxPort - minPort < 3) throw new ConfigError('rtp.maxPort', `the range ${minPort}-${maxPort} holds fewer than two RTP/RTCP port pairs`);
  const mediaTimeoutMs = rtpReader.optionalInteger('mediaTimeoutMs', 100, maxMs);

  const ttsReader = root.child('tts', ['cacheDir', 'espeakExecutable', 'maxConcurrent']);
  const espeakExecutable = ttsReader.optionalString('espeakExecutable');
  const maxConcurrent = ttsReader.optionalInteger('maxConcurrent', 1, 64);

  const apiReader = root.child('api', ['host', 'port', 'token']);
  const configuredToken = apiReader.optionalString('token') ?? env['CALLSCRIPT_TOKEN'];

  const sandboxReader = root.child('sandbox', ['workers', 'readyIsolates', 'workerNice']);
  const sandboxWorkers = sandboxReader.optionalInteger('workers', 1, 64);
  const sandboxReadyIsolates = sandboxReader.optionalInteger('readyIsolates', 1, maxIdleIsolates) ?? defaultReadyIsolates;
  const sandboxWorkerNice = sandboxReader.optionalInteger('workerNice', 0, 19) ?? defaultWorkerNice;
  const logReader = root.child('log', ['level']);
  const storeReader = root.child('store', ['sync']);
  const t1Ms = sipReader.optionalInteger('t1Ms', 10, 10_000);

  return {
    ...(source !== undefined && { source }),
    sip: {
      listen,
      ...(tls && { tls }),
      ...(t1Ms !== undefined && { t1Ms }),
      userAgentName: sipReader.string('userAgent', 'callscript'),
    },
    rtp: {
      bindAddress,
      advertisedAddress: rtpReader.string('advertisedAddress', bindAddress === '0.0.0.0' ? '127.0.0.1' : bindAddress),
      minPort,
      maxPort,
      ...(mediaTimeoutMs !== undefined && { mediaTimeoutMs }),
    },
    tts: {
      cacheDir: path(ttsReader.string('cacheDir', resolve(dataDir, 'tts-cache'))),
      ...(espeakExecutable !== undefined && { espeakExecutable }),
      ...(maxConcurrent !== undefined && { maxConcurrent }),
    },
    trunks: readTrunks(root),
    api: {
      host: apiReader.string('host', '127.0.0.1'),
      port: apiReader.integer('port', 0, 65535, 8080),
      token: configuredToken ?? randomBytes(24).toString('base64url'),
      tokenConfigured: configuredToken !== undefined,
    },
    dataDir,
    storeSync: storeReader.oneOf('sync', ['full', 'normal'] as const, 'full'),
    ...(sandboxWorkers !== undefined && { sandboxWorkers }),
    sandboxReadyIsolates,
    sandboxWorkerNice,
    limits: readLimits(root),
    rules: root.has('rules') ? readRules(root, path) : [{ pattern: '.*', scenario: demoScenarioPath }],
    logLevel: logReader.oneOf('level', logLevels, 'info'),
  };
}

function defaultListen(): SipListen[] {
  return [
    { transport: 'udp', host: '127.0.0.1', port: 5060 },
    { transport: 'tcp', host: '127.0.0.1', port: 5060 },
  ];
}

function readListen(value: unknown, path: string): SipListen {
  const r = ConfigReader.object(value, path, ['transport', 'host', 'port', 'advertisedHost']);
  const advertisedHost = r.optionalString('advertisedHost');
  return {
    transport: r.oneOf('transport', transports),
    host: r.string('host', '127.0.0.1'),
    port: r.integer('port', 0, 65535, 5060),
    ...(advertisedHost !== undefined && { advertisedHost }),
  };
}

function readTrunks(root: ConfigReader): TrunkConfig[] {
  const names = new Set<string>();
  return root.array('trunks').map(({ value, path }) => {
    const r = ConfigReader.object(value, path, ['name', 'address', 'transport', 'username', 'password', 'callerId', 'numberFormat', 'prefix']);
    const name = r.string('name');
    if (names.has(name)) throw new ConfigError(r.field('name'), `a trunk named ${JSON.stringify(name)} is already configured`);
    names.add(name);
    const address = r.string('address');
    if (!/^sips?:[^\s]+$/i.test(address)) throw new ConfigError(r.field('address'), `expected a SIP URI such as sip:trunk.example.com:5060, got ${JSON.stringify(address)}`);
    const username = r.optionalString('username');
    const password = r.has('password') ? String(r.raw('password') ?? '') : undefined;
    if (password !== undefined && username === undefined) throw new ConfigError(r.field('username'), 'a password needs a username');
    const callerId = r.optionalString('callerId');
    return {
      name,
      address,
      transport: r.oneOf('transport', transports, 'udp'),
      ...(username !== undefined && { username }),
      ...(password !== undefined && { password }),
      ...(callerId !== undefined && { callerId }),
      numberFormat: r.oneOf('numberFormat', numberFormats, 'as-dialled'),
      prefix: r.has('prefix') ? r.string('prefix') : '',
    };
  });
}

function readLimits(root: ConfigReader): EngineConfig['limits'] {
  const sessionKeys = Object.keys(defaultSessionLimits) as (keyof SessionLimits)[];
  const r = root.child('limits', ['maxSessions', 'drainTimeoutMs', 'httpAllowHosts', ...sessionKeys]);
  const session: Partial<SessionLimits> = {};
  for (const key of sessionKeys) {
    if (r.has(key)) session[key] = r.integer(key, 0, Number.MAX_SAFE_INTEGER);
  }
  return {
    maxSessions: r.integer('maxSessions', 1, 1_000_000, 10_000),
    drainTimeoutMs: r.integer('drainTimeoutMs', 0, maxMs, 30_000),
    session,
    httpAllowHosts: r.has('httpAllowHosts') ? r.stringArray('httpAllowHosts') : ['*'],
  };
}

function readRules(root: ConfigReader, path: (value: string) => string): RouteRuleConfig[] {
  return root.array('rules').map(({ value, path: at }) => {
    const r = ConfigReader.object(value, at, ['pattern', 'scenario']);
    const pattern = r.string('pattern');
    try {
      compileRulePattern(pattern);
    } catch (error) {
      if (error instanceof RulePatternError) throw new ConfigError(r.field('pattern'), error.message);
      throw error;
    }
    return { pattern, scenario: path(r.string('scenario')) };
  });
}

/**
 * The serve process assembled (DESIGN.md, "Layout"): the SIP user agent, the media engine, the sandbox supervisor,
 * the SQLite store, the management API, and the sessions between them. `callscript serve` and `callscript run`
 * both start one; `close()` releases everything in the reverse order.
 */
import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Logger } from 'pino';
import { createApiServer, type ApiServer } from '../api/api-server.js';
import { SandboxScenarioValidator } from '../api/sandbox-scenario-validator.js';
import { UrlSigner } from '../api/url-signer.js';
import { RtpMediaUnitFactory } from '../call/media-rtp-units.js';
import type { CallRecord } from '../call/call-record.js';
import type { SipLegEnvironment } from '../call/sip-leg-types.js';
import { systemClock } from '../clock.js';
import { MediaEngine } from '../media/media-engine.js';
import { createPlaybackSources } from '../media/player/playback-setup.js';
import { EspeakProvider } from '../media/tts/espeak-provider.js';
import { engineMetrics, type EngineMetrics } from '../metrics.js';
import { CallRouter } from '../routing/call-router.js';
import { ConfigRuleTable } from '../routing/config-rule-table.js';
import { RuleTable } from '../routing/rule-table.js';
import { ScenarioCompiler } from '../sandbox/compile-scenario.js';
import { preludeSource } from '../sandbox/prelude/build-prelude.js';
import { SandboxSupervisor } from '../sandbox/sandbox-supervisor.js';
import type { CompiledScenario } from '../sandbox/sandbox-types.js';
import { FetchHttpRequester } from '../session/fetch-http-requester.js';
import type { CallRecordSink } from '../session/session-types.js';
import type { ServerSession } from '../sip/user-agent/server-session.js';
import { UserAgent } from '../sip/user-agent/user-agent.js';
import { callRecordWrites } from '../store/call-record-repository.js';
import { sessionWrites, type SessionRecordWriter } from '../store/session-repository.js';
import { SqliteWriter } from '../store/sqlite-writer.js';
import { Store } from '../store/store.js';
import type { EngineConfig } from './config/engine-config.js';
import { EngineSessions } from './engine-sessions.js';
import { IncomingCalls } from './incoming-calls.js';
import { TrunkDialer } from './trunk-dialer.js';

export interface EngineStartOptions {
  logger: Logger;
  /** Serve the management API (serve: yes; run: no). */
  api: boolean;
  /** Bind the configured SIP ports (serve) or ephemeral ones on the same hosts (run, which only places calls). */
  sipPorts: 'configured' | 'ephemeral';
  /** Route incoming INVITEs to scenarios (serve); otherwise they are answered 403 (run). */
  acceptIncoming: boolean;
  metrics?: EngineMetrics;
  /** Told about every finished call record (for `callscript run`'s summary). */
  onCallRecord?: (record: CallRecord) => void;
}

export class EngineStartError extends Error {
  readonly code = 'engine_start_failed';
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'EngineStartError';
  }
}

export class Engine {
  private closed = false;

  private constructor(
    readonly config: EngineConfig,
    readonly sessions: EngineSessions,
    readonly ua: UserAgent,
    readonly router: CallRouter,
    private readonly parts: {
      media: MediaEngine;
      sandbox: SandboxSupervisor;
      store: Store;
      writer: SqliteWriter;
      api: ApiServer | undefined;
      compiler: ScenarioCompiler;
    },
  ) {}

  static async start(config: EngineConfig, options: EngineStartOptions): Promise<Engine> {
    const { logger } = options;
    const metrics = options.metrics ?? engineMetrics;
    const fileRules = new ConfigRuleTable(config.rules.map((rule) => ({ pattern: rule.pattern, scenarioFile: rule.scenario })));
    const compiler = new ScenarioCompiler();
    const compiled = await compileRuleScenarios(compiler, [...new Set(config.rules.map((rule) => rule.scenario))]);
    const cleanup: (() => unknown)[] = [];
    try {
      mkdirSync(config.dataDir, { recursive: true });
      const store = Store.open({ dataDir: config.dataDir, sync: config.storeSync });
      cleanup.push(() => store.close());
      const interrupted = store.sessions.interruptRunning();
      if (interrupted > 0) logger.warn({ interrupted }, 'sessions left running by a previous process closed as interrupted');
      const writer = await SqliteWriter.start({
        file: store.file,
        sync: config.storeSync,
        statements: { ...sessionWrites.statements, ...callRecordWrites.statements },
      });
      cleanup.push(() => writer.close());
      const records = callRecordSink(writer, metrics, logger, options.onCallRecord);
      const env = sipLegEnvironment(config, logger);
      cleanup.push(() => env.media.close());
      const media = env.media;
      const sandbox = await SandboxSupervisor.start({
        preludeSource: preludeSource(),
        poolSize: config.sandboxReadyIsolates,
        workerNice: config.sandboxWorkerNice,
        ...(config.sandboxWorkers !== undefined && { workers: config.sandboxWorkers }),
        onWorkerExit: (info) => logger.error(info, 'sandbox worker died; its sessions failed'),
      });
      cleanup.push(() => sandbox.close());

      let incoming: IncomingCalls | undefined;
      const ua = await startUserAgent(config, options.sipPorts, logger, (session) =>
        incoming ? incoming.onInvite(session) : session.reject(403),
      );
      cleanup.push(() => ua.close());

      const signingSecret = randomBytes(32).toString('hex');
      const signer = new UrlSigner(signingSecret);
      let apiBase = `http://${config.api.host}:${config.api.port}`;
      const first = config.sip.listen[0]!;
      const sessions = new EngineSessions({
        host: sandbox,
        records,
        sessionRecords: deferredSessionRecords(writer, logger),
        metrics,
        maxSessions: config.limits.maxSessions,
        accessUrl: (id) => `${apiBase}/control/${id}/${signer.controlKey(id)}`,
        services: {
          clock: systemClock,
          wallClock: Date.now,
          logger: logger.child({ component: 'session' }),
          dialer: new TrunkDialer({
            ua,
            env,
            trunks: config.trunks,
            localHost: first.advertisedHost ?? first.host,
            logger: logger.child({ component: 'dialer' }),
            onDial: () => metrics.recordCallAttempt('outgoing'),
          }),
          mediaUnits: new RtpMediaUnitFactory(env),
          http: new FetchHttpRequester(),
          httpAllowHosts: config.limits.httpAllowHosts,
          limits: config.limits.session,
        },
      });
      cleanup.push(() => sessions.close());
      metrics.callsActive.onCollect(() => {
        metrics.callsActive.reset();
        for (const [status, count] of sessions.liveCallsByStatus()) metrics.callsActive.set({ status }, count);
      });
      const router = new CallRouter(new RuleTable(store), fileRules);
      if (options.acceptIncoming) {
        incoming = new IncomingCalls({
          router,
          sessions,
          env,
          metrics,
          logger: logger.child({ component: 'incoming' }),
          fileScenario: (file) => compiled.get(file)!,
        });
      }

      let api: ApiServer | undefined;
      if (options.api) {
        api = await createApiServer({
          store,
          sessions,
          validator: new SandboxScenarioValidator(),
          metrics,
          config: { host: config.api.host, port: config.api.port, token: config.api.token, signingSecret },
        });
        cleanup.push(() => api?.close());
        apiBase = await api.listen().catch((error: unknown) => {
          throw new EngineStartError(`cannot listen for the API: ${(error as Error).message}`, { cause: error });
        });
      }
      return new Engine(config, sessions, ua, router, { media, sandbox, store, writer, api, compiler });
    } catch (error) {
      for (const step of cleanup.reverse()) await step();
      throw error;
    }
  }

  get apiUrl(): string | undefined {
    return this.parts.api?.url();
  }

  get store(): Store {
    return this.parts.store;
  }

  /** A scenario file compiled for `callscript run`. */
  compileScenario(file: string): Promise<CompiledScenario> {
    return this.parts.compiler.compileFile(file);
  }

  /** SIGTERM: new calls get 503, running sessions get `drainTimeoutMs` to finish, the rest are hung up. */
  drain(): Promise<{ finished: number; terminated: number }> {
    return this.sessions.drain(this.config.limits.drainTimeoutMs);
  }

  /** Stops everything: sessions (calls hung up), API, SIP, sandbox workers, media, store. Idempotent. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.sessions.close();
    await this.parts.api?.close();
    // Give the BYEs and CANCELs of the closed calls a moment on the wire before the transport goes.
    await new Promise((done) => setTimeout(done, 200));
    this.ua.close();
    await this.parts.sandbox.close();
    this.parts.media.close();
    await this.parts.writer.close();
    this.parts.store.close();
  }
}

/** Session rows go to the store's writer thread, so that no disk wait delays answering a call. */
function deferredSessionRecords(writer: SqliteWriter, logger: Logger): SessionRecordWriter {
  const failed = (sessionId: string) => (error?: Error) => error && logger.error({ err: error, sessionId }, 'session row not stored');
  return {
    start: (session) => writer.defer('sessionStart', sessionWrites.start(session, Date.now()), failed(session.id)),
    end: (id, end) => writer.defer('sessionEnd', sessionWrites.end(id, end, Date.now()), failed(id)),
  };
}

/** Call records go to the store's writer thread; the sink counts them. */
function callRecordSink(writer: SqliteWriter, metrics: EngineMetrics, logger: Logger, onCallRecord?: (record: CallRecord) => void): CallRecordSink {
  const records: CallRecordSink = {
    write(record) {
      writer.defer('callRecordInsert', callRecordWrites.insert(record), (error) => {
        if (error) logger.error({ err: error, callId: record.id }, 'call record not stored');
      });
      metrics.callsEnded.inc({ hangup_reason: record.hangupReason ?? 'unknown' });
      onCallRecord?.(record);
    },
  };
  return records;
}

/** The media engine and what every SIP leg shares: speech, files, recordings folder. */
function sipLegEnvironment(config: EngineConfig, logger: Logger): SipLegEnvironment & { media: MediaEngine } {
  const media = new MediaEngine({
    minPort: config.rtp.minPort,
    maxPort: config.rtp.maxPort,
    bindAddress: config.rtp.bindAddress,
    advertisedAddress: config.rtp.advertisedAddress,
    ...(config.rtp.mediaTimeoutMs !== undefined && { endpointDefaults: { mediaTimeoutMs: config.rtp.mediaTimeoutMs } }),
    onStreamError: (error) => logger.error({ err: error }, 'media stream error'),
  });
  const recordingsDirectory = join(config.dataDir, 'recordings');
  mkdirSync(recordingsDirectory, { recursive: true });
  return {
    media,
    sources: createPlaybackSources({
      cacheDirectory: config.tts.cacheDir,
      tts: new EspeakProvider({
        ...(config.tts.espeakExecutable !== undefined && { executable: config.tts.espeakExecutable }),
        ...(config.tts.maxConcurrent !== undefined && { maxConcurrent: config.tts.maxConcurrent }),
      }),
    }),
    recordingsDirectory,
    logger: logger.child({ component: 'sip-leg' }),
  };
}

async function startUserAgent(
  config: EngineConfig,
  ports: EngineStartOptions['sipPorts'],
  logger: Logger,
  onInvite: (session: ServerSession) => void,
): Promise<UserAgent> {
  return UserAgent.start(
    {
      listen: config.sip.listen.map((l) => ({
        protocol: l.transport,
        host: l.host,
        port: ports === 'configured' ? l.port : 0,
        ...(l.advertisedHost !== undefined && { advertisedHost: l.advertisedHost }),
      })),
      ...(config.sip.tls && { tls: readTls(config.sip.tls) }),
      ...(config.sip.t1Ms !== undefined && { timers: { t1: config.sip.t1Ms } }),
      userAgentName: config.sip.userAgentName,
    },
    { onInvite, onError: (error, context) => logger.warn({ err: error, context }, 'sip') },
  ).catch((error: unknown) => {
    throw new EngineStartError(`cannot listen for SIP: ${(error as Error).message}`, { cause: error });
  });
}

async function compileRuleScenarios(compiler: ScenarioCompiler, files: string[]): Promise<Map<string, CompiledScenario>> {
  const compiled = new Map<string, CompiledScenario>();
  for (const file of files) {
    try {
      compiled.set(file, await compiler.compileFile(file));
    } catch (error) {
      throw new EngineStartError(`rules: cannot compile scenario ${file}: ${(error as Error).message}`, { cause: error });
    }
  }
  return compiled;
}

function readTls(tls: NonNullable<EngineConfig['sip']['tls']>) {
  try {
    return {
      cert: readFileSync(tls.certFile),
      key: readFileSync(tls.keyFile),
      ...(tls.caFile !== undefined && { ca: readFileSync(tls.caFile) }),
    };
  } catch (error) {
    throw new EngineStartError(`sip.tls: ${(error as Error).message}`, { cause: error });
  }
}

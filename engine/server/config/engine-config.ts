/**
 * The serve process's configuration: what an operator writes in the JSON config file, after validation and with
 * every default filled in. Paths are absolute (resolved against the config file's folder when it gave them).
 */
import type { SessionLimits } from '../../session/session-types.js';
import type { TransportProtocol } from '../../sip/transport/transport-types.js';

export interface SipListen {
  transport: TransportProtocol;
  host: string;
  /** 0 picks a free port (tests). */
  port: number;
  /** Written into Via and Contact when it differs from the bind address. */
  advertisedHost?: string;
}

export interface SipConfig {
  listen: SipListen[];
  /** Certificate and key files, required when a `tls` listener is configured. */
  tls?: { certFile: string; keyFile: string; caFile?: string };
  /** RFC 3261 T1 (default 500 ms). */
  t1Ms?: number;
  userAgentName: string;
}

export interface RtpConfig {
  bindAddress: string;
  /** The address written into SDP (default: the bind address). */
  advertisedAddress: string;
  minPort: number;
  maxPort: number;
  /** RtpStopped after this long without RTP (default 7 s, VoxEngine's). */
  mediaTimeoutMs?: number;
}

export interface TtsConfig {
  cacheDir: string;
  /** The espeak-ng executable (default from PATH). */
  espeakExecutable?: string;
  /** espeak-ng processes at once (default: CPU count). */
  maxConcurrent?: number;
}

/**
 * How `callPSTN` numbers are written in the Request-URI: `e164` keeps or adds the leading `+`, `digits` keeps only
 * digits, `as-dialled` leaves the number alone. `prefix` goes in front afterwards (a trunk's tech prefix).
 */
export type NumberFormat = 'e164' | 'digits' | 'as-dialled';

export interface TrunkConfig {
  name: string;
  /** SIP URI of the trunk's proxy, e.g. `sip:trunk.example.com:5060`. */
  address: string;
  transport: TransportProtocol;
  username?: string;
  password?: string;
  /** Caller id when `callPSTN` gives none. */
  callerId?: string;
  numberFormat: NumberFormat;
  prefix: string;
}

export interface ApiSettings {
  host: string;
  port: number;
  token: string;
  /** False when the token was generated at start (it is then logged once). */
  tokenConfigured: boolean;
}

export interface RouteRuleConfig {
  /** A regular expression that must match the whole dialled number. */
  pattern: string;
  /** The scenario file this rule starts. */
  scenario: string;
}

export interface EngineLimits {
  /** Sessions running at once; an INVITE past it is answered 503. */
  maxSessions: number;
  /** On SIGTERM, how long calls in progress may go on before they are hung up. */
  drainTimeoutMs: number;
  /** VoxEngine's session limits (60 s rules and the rest), each overridable. */
  session: Partial<SessionLimits>;
  /** Hosts `Net.httpRequestAsync` may reach (`*` for any). */
  httpAllowHosts: string[];
}

export interface EngineConfig {
  /** The file it came from; undefined for the embedded default. */
  source?: string;
  sip: SipConfig;
  rtp: RtpConfig;
  tts: TtsConfig;
  trunks: TrunkConfig[];
  api: ApiSettings;
  dataDir: string;
  /**
   * SQLite commit durability (`Store`): `full` (default) syncs every commit to disk; `normal` survives a killed
   * process but not a power cut, and spares the engine's event loop an fsync per session start and end.
   */
  storeSync: 'full' | 'normal';
  /** Sandbox worker processes (default: one per CPU). */
  sandboxWorkers?: number;
  /**
   * Isolates each worker keeps renewed and ready for the next session starts (default 8). A start that finds none
   * ready makes or renews one on the path of the call's answer; for bursts, raise it towards the sessions a worker
   * holds at the expected peak (calls/s x session length / workers), at about 2-4 MB of memory each.
   */
  sandboxReadyIsolates: number;
  /**
   * How much nicer than the engine process the sandbox workers run (0-19, default 10), so that signalling and media
   * get the CPU first when the machine is short of it.
   */
  sandboxWorkerNice: number;
  limits: EngineLimits;
  /** Tried in order, after the rules managed through the API. */
  rules: RouteRuleConfig[];
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
}

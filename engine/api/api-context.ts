/**
 * What every route module receives: the store, the session port, the routing services and the server's settings.
 */
import type { EngineMetrics } from '../metrics.js';
import type { RuleTable } from '../routing/rule-table.js';
import type { ScenarioLibrary } from '../routing/scenario-library.js';
import type { Store } from '../store/store.js';
import type { ApiConfig } from './api-config.js';
import type { SessionPort } from './session-port.js';
import type { UrlSigner } from './url-signer.js';

export interface ApiContext {
  store: Store;
  sessions: SessionPort;
  config: ApiConfig;
  library: ScenarioLibrary;
  ruleTable: RuleTable;
  signer: UrlSigner;
  metrics: EngineMetrics;
  /** The base of the URLs handed out, known once the server listens. */
  baseUrl(): string;
  /** Wall clock, epoch ms. */
  now(): number;
}

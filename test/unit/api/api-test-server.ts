import type { FastifyBaseLogger } from 'fastify';
import { createApiServer, type ApiServer } from '../../../engine/api/api-server.js';
import type { ApiConfigInput } from '../../../engine/api/api-config.js';
import type { SessionPort } from '../../../engine/api/session-port.js';
import { SandboxScenarioValidator } from '../../../engine/api/sandbox-scenario-validator.js';
import { createEngineMetrics, type EngineMetrics } from '../../../engine/metrics.js';
import type { Store } from '../../../engine/store/store.js';
import { tempStore } from '../store/temp-store.js';
import { FakeSessionPort } from './fake-session-port.js';

export const token = 'test-token-7f3a';

export interface TestApi {
  server: ApiServer;
  store: Store;
  sessions: FakeSessionPort;
  metrics: EngineMetrics;
  url: string;
  /** fetch() against the server with the bearer token (unless `token: null`), JSON bodies encoded. */
  call(method: string, path: string, options?: RequestOptions): Promise<ApiResponse>;
  close(): Promise<void>;
}

export interface RequestOptions {
  json?: unknown;
  body?: string | Buffer;
  contentType?: string;
  token?: string | null;
  headers?: Record<string, string>;
}

export interface ApiResponse {
  status: number;
  headers: Headers;
  text: string;
  /** The parsed JSON body (undefined when the body is empty or not JSON). */
  body: any;
}

export async function startTestApi(
  options: { config?: Partial<ApiConfigInput>; sessions?: SessionPort; now?: () => number; logger?: FastifyBaseLogger } = {},
): Promise<TestApi> {
  const temp = tempStore();
  const sessions = new FakeSessionPort();
  const metrics = createEngineMetrics();
  const server = await createApiServer({
    store: temp.store,
    sessions: options.sessions ?? sessions,
    config: { token, port: 0, signingSecret: 'test-secret', ...options.config },
    validator: new SandboxScenarioValidator(),
    metrics,
    ...(options.now && { now: options.now }),
    ...(options.logger && { logger: options.logger }),
  });
  const url = await server.listen();
  return {
    server,
    store: temp.store,
    sessions,
    metrics,
    url,
    call: (method, path, request = {}) => send(url, method, path, request),
    async close() {
      await server.close();
      temp.dispose();
    },
  };
}

export async function send(base: string, method: string, path: string, options: RequestOptions = {}): Promise<ApiResponse> {
  const headers: Record<string, string> = { ...options.headers };
  const bearer = options.token === undefined ? token : options.token;
  if (bearer !== null) headers['authorization'] = `Bearer ${bearer}`;
  let body: string | Buffer | undefined = options.body;
  if (options.json !== undefined) {
    body = JSON.stringify(options.json);
    headers['content-type'] = 'application/json';
  }
  if (options.contentType) headers['content-type'] = options.contentType;
  const response = await fetch(`${base}${path}`, { method, headers, ...(body !== undefined && { body }) });
  const text = await response.text();
  let parsed: unknown;
  try {
    parsed = text ? JSON.parse(text) : undefined;
  } catch {
    parsed = undefined;
  }
  return { status: response.status, headers: response.headers, text, body: parsed };
}

export const helloScenario = `VoxEngine.addEventListener(AppEvents.CallAlerting, (e) => {
  e.call.answer();
});
`;

/** Uploads a scenario and returns its stored version. */
export async function upload(api: TestApi, name: string, source = helloScenario) {
  const response = await api.call('POST', `/scenarios/${name}/versions`, { body: source, contentType: 'text/plain' });
  if (response.status !== 201) throw new Error(`upload failed: ${response.status} ${response.text}`);
  return response.body as { name: string; version: number };
}

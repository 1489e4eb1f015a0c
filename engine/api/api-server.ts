/**
 * The management HTTP API server (DESIGN.md, "Management API"): fastify on 127.0.0.1:8080 by default, bearer-token
 * auth, one JSON error shape, request schemas that refuse unknown fields and wrong types, an OpenAPI document built
 * from the routes. `callscript serve` creates it with the engine's store and its session port.
 */
import Fastify, { type FastifyBaseLogger, type FastifyInstance, type RouteOptions } from 'fastify';
import { engineMetrics as defaultMetrics, type EngineMetrics } from '../metrics.js';
import { RuleTable } from '../routing/rule-table.js';
import { ScenarioLibrary } from '../routing/scenario-library.js';
import type { ScenarioValidator } from '../routing/scenario-validator.js';
import type { Store } from '../store/store.js';
import { resolveApiConfig, type ApiConfig, type ApiConfigInput } from './api-config.js';
import type { ApiContext } from './api-context.js';
import { ApiError, apiErrorHandler, sendError } from './api-error.js';
import { bearerAuthHook } from './bearer-auth.js';
import { OpenApiCollector, type RouteConfig } from './openapi-document.js';
import { callRecordRoutes } from './routes/call-record-routes.js';
import { mediaFileRoutes } from './routes/media-file-routes.js';
import { ruleRoutes } from './routes/rule-routes.js';
import { scenarioRoutes } from './routes/scenario-routes.js';
import { sessionControlRoutes } from './routes/session-control-routes.js';
import { sessionRoutes } from './routes/session-routes.js';
import { statusRoutes } from './routes/status-routes.js';
import type { SessionPort } from './session-port.js';
import { UrlSigner } from './url-signer.js';

export interface ApiServerOptions {
  store: Store;
  sessions: SessionPort;
  config: ApiConfigInput;
  /** Compiles and type-checks uploads (the sandbox's compiler and checker). */
  validator: ScenarioValidator;
  /** Default: the engine-wide metrics. */
  metrics?: EngineMetrics;
  /** A pino logger for request logs; default: none. */
  logger?: FastifyBaseLogger;
  /** Wall clock, epoch ms (signed URL expiry, uptime). */
  now?: () => number;
}

export interface ApiServer {
  readonly app: FastifyInstance;
  readonly config: ApiConfig;
  /** Starts listening; resolves with the base URL (with the real port when the configured one is 0). */
  listen(): Promise<string>;
  /** The base URL clients use; meaningful once listening. */
  url(): string;
  /** Stops accepting connections and waits for open requests. Idempotent. */
  close(): Promise<void>;
}

/**
 * A route that declares no query parameters refuses any, as a body refuses unknown fields. Public routes (health,
 * the OpenAPI document, downloads, control URLs) are left lenient for the tools that call them.
 */
function refuseUnknownQuery(route: RouteOptions): void {
  if ((route.config as RouteConfig | undefined)?.public) return;
  const schema = (route.schema ?? {}) as { querystring?: unknown };
  if (schema.querystring) return;
  route.schema = { ...schema, querystring: { type: 'object', additionalProperties: false, properties: {} } };
}

export async function createApiServer(options: ApiServerOptions): Promise<ApiServer> {
  const config = resolveApiConfig(options.config);
  const metrics = options.metrics ?? defaultMetrics;
  let boundUrl = `http://${config.host}:${config.port}`;
  const app = Fastify({
    ...(options.logger ? { loggerInstance: options.logger } : { logger: false }),
    bodyLimit: config.maxBodyBytes,
    // Unknown fields are errors, not silently dropped, and "5" is not a number.
    ajv: { customOptions: { removeAdditional: false, coerceTypes: false, useDefaults: false, allErrors: false } },
  });
  const ctx: ApiContext = {
    store: options.store,
    sessions: options.sessions,
    config,
    library: new ScenarioLibrary(options.store, options.validator),
    ruleTable: new RuleTable(options.store),
    signer: new UrlSigner(config.signingSecret),
    metrics,
    baseUrl: () => config.publicUrl ?? boundUrl,
    now: options.now ?? Date.now,
  };
  metrics.sessionsActive.onCollect(() => metrics.sessionsActive.set({}, options.sessions.activeCount()));
  options.store.sessions.interruptRunning();

  app.addHook('onRoute', refuseUnknownQuery);
  const openapi = new OpenApiCollector();
  openapi.attach(app);
  app.setErrorHandler(apiErrorHandler);
  app.setNotFoundHandler((request, reply) =>
    sendError(reply, new ApiError(404, 'route_not_found', `no route ${request.method} ${request.url.split('?')[0]}`)),
  );
  app.addHook('onRequest', bearerAuthHook(config.token));

  await app.register(async (scope) => statusRoutes(scope, ctx, openapi));
  await app.register(async (scope) => scenarioRoutes(scope, ctx));
  await app.register(async (scope) => ruleRoutes(scope, ctx));
  await app.register(async (scope) => sessionRoutes(scope, ctx));
  await app.register(async (scope) => sessionControlRoutes(scope, ctx));
  await app.register(async (scope) => callRecordRoutes(scope, ctx));
  await app.register(async (scope) => mediaFileRoutes(scope, ctx));
  await app.ready();

  let closing: Promise<void> | undefined;
  return {
    app,
    config,
    async listen() {
      await app.listen({ host: config.host, port: config.port });
      const address = app.server.address();
      if (address && typeof address === 'object') {
        const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
        boundUrl = `http://${host}:${address.port}`;
      }
      return ctx.baseUrl();
    },
    url: () => ctx.baseUrl(),
    close() {
      closing ??= app.close();
      return closing;
    },
  };
}

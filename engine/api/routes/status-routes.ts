/**
 * The open health check, the Prometheus scrape endpoint and the OpenAPI document.
 */
import type { FastifyInstance } from 'fastify';
import type { ApiContext } from '../api-context.js';
import type { OpenApiCollector, RouteConfig } from '../openapi-document.js';

export async function statusRoutes(app: FastifyInstance, ctx: ApiContext, openapi: OpenApiCollector): Promise<void> {
  const startedAt = ctx.now();

  app.get('/health', {
    config: {
      public: true,
      doc: {
        summary: 'Liveness and store check (no token needed)',
        tags: ['status'],
        responses: {
          200: { description: 'Healthy', schema: { type: 'object', properties: { status: { type: 'string' } } } },
          503: { description: 'The store is closed' },
        },
      },
    } satisfies RouteConfig,
    handler: async (_request, reply) => {
      const healthy = ctx.store.open;
      return reply.code(healthy ? 200 : 503).send({
        status: healthy ? 'ok' : 'unavailable',
        uptimeSeconds: Math.round((ctx.now() - startedAt) / 1000),
        activeSessions: ctx.sessions.activeCount(),
      });
    },
  });

  app.get('/metrics', {
    config: {
      doc: {
        summary: 'Metrics in the Prometheus text format',
        tags: ['status'],
        responses: { 200: { description: 'Text exposition format 0.0.4', contentType: 'text/plain', schema: { type: 'string' } } },
      },
    } satisfies RouteConfig,
    handler: async (_request, reply) =>
      reply.type('text/plain; version=0.0.4; charset=utf-8').send(ctx.metrics.registry.render()),
  });

  app.get('/openapi.json', {
    config: {
      public: true,
      doc: { summary: 'This API described in OpenAPI 3', tags: ['status'], responses: { 200: { description: 'The document' } } },
    } satisfies RouteConfig,
    handler: async () => openapi.document({ title: 'callscript management API', version: '1', serverUrl: ctx.baseUrl() }),
  });
}

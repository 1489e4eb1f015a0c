/**
 * A session's control URL (`accessURL` in `AppEvents.Started`): any request to it raises `AppEvents.HttpRequest` in
 * the running session with the method, path, body text and `X-` headers, as VoxEngine does. The key in the path is
 * the credential, so external systems can call it without the API token.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ApiContext } from '../api-context.js';
import { ApiError } from '../api-error.js';
import { errorResponse, type RouteConfig } from '../openapi-document.js';
import type { HttpRequestEvent } from '../session-port.js';

export async function sessionControlRoutes(app: FastifyInstance, ctx: ApiContext): Promise<void> {
  // The scenario decides what the body means, so every content type is passed through as text.
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', { parseAs: 'string', bodyLimit: ctx.config.maxBodyBytes }, (_request, body, done) =>
    done(null, body),
  );

  app.route<{ Params: { sessionId: string; key: string } }>({
    method: ['GET', 'POST', 'PUT', 'DELETE', 'PATCH'],
    url: '/control/:sessionId/:key',
    schema: {
      params: {
        type: 'object',
        required: ['sessionId', 'key'],
        additionalProperties: false,
        properties: {
          sessionId: { type: 'string', minLength: 1, maxLength: 128 },
          key: { type: 'string', minLength: 1, maxLength: 128, description: 'The key from the session accessUrl' },
        },
      },
    },
    config: {
      public: true,
      doc: {
        summary: 'Raise AppEvents.HttpRequest in a running session (the session accessUrl)',
        tags: ['sessions'],
        rawBody: { contentTypes: ['*/*'], description: 'Passed to the scenario as the event content' },
        responses: {
          202: { description: 'Delivered to the session' },
          403: errorResponse('Wrong key'),
          404: errorResponse('The session is not running'),
        },
      },
    } satisfies RouteConfig,
    handler: async (request, reply) => {
      const { sessionId, key } = request.params;
      if (!ctx.signer.checkControlKey(sessionId, key)) throw new ApiError(403, 'bad_signature', 'wrong control key');
      const delivered = ctx.sessions.deliverHttpRequest(sessionId, toEvent(request));
      if (!delivered) throw new ApiError(404, 'session_not_running', `session '${sessionId}' is not running`);
      return reply.code(202).send({ delivered: true });
    },
  });
}

function toEvent(request: FastifyRequest): HttpRequestEvent {
  const headers = Object.entries(request.headers)
    .filter(([name]) => name.startsWith('x-'))
    .map(([key, value]) => ({ key, value: Array.isArray(value) ? value.join(', ') : String(value) }));
  return {
    method: request.method,
    path: request.url,
    content: typeof request.body === 'string' ? request.body : '',
    headers,
  };
}

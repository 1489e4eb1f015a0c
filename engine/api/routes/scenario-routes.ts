/**
 * Scenarios: upload a new version (compiled and type-checked first), list, read a version, delete.
 * The body of an upload is the source text itself, so a file can be sent as is (`curl --data-binary @ivr.ts`).
 */
import type { FastifyInstance } from 'fastify';
import { maxScenarioBytes } from '../../routing/scenario-library.js';
import type { ApiContext } from '../api-context.js';
import { ApiError } from '../api-error.js';
import { digits, listOf, scenarioSummarySchema, scenarioVersionSchema } from '../api-schemas.js';
import { errorResponse, type RouteConfig } from '../openapi-document.js';

const sourceTypes = ['text/plain', 'application/typescript', 'text/typescript', 'application/javascript', 'text/javascript'];

const nameParams = {
  type: 'object',
  required: ['name'],
  additionalProperties: false,
  properties: { name: { type: 'string', minLength: 1, maxLength: 64, description: 'Scenario name' } },
};

const tags = ['scenarios'];

export async function scenarioRoutes(app: FastifyInstance, ctx: ApiContext): Promise<void> {
  // The source is the body as is: a JSON-wrapped upload is refused with 415 rather than half understood.
  app.removeContentTypeParser(['application/json', 'text/plain']);
  app.addContentTypeParser(sourceTypes, { parseAs: 'string', bodyLimit: maxScenarioBytes }, (_request, body, done) =>
    done(null, body),
  );

  app.get('/scenarios', {
    config: {
      doc: { summary: 'List scenarios', tags, responses: { 200: { description: 'Scenarios', schema: listOf(scenarioSummarySchema) } } },
    } satisfies RouteConfig,
    handler: async () => ({ items: ctx.store.scenarios.list() }),
  });

  app.get<{ Params: { name: string } }>('/scenarios/:name', {
    schema: { params: nameParams },
    config: {
      doc: {
        summary: 'Get a scenario and its versions',
        tags,
        responses: { 200: { description: 'The scenario', schema: scenarioSummarySchema }, 404: errorResponse('No such scenario') },
      },
    } satisfies RouteConfig,
    handler: async (request) => {
      const { name } = request.params;
      return { ...ctx.store.scenarios.get(name), versions: ctx.store.scenarios.versions(name) };
    },
  });

  app.post<{ Params: { name: string }; Querystring: { fileName?: string }; Body: unknown }>('/scenarios/:name/versions', {
    schema: {
      params: nameParams,
      querystring: {
        type: 'object',
        additionalProperties: false,
        properties: { fileName: { type: 'string', maxLength: 132, description: 'Entry file name (default <name>.ts)' } },
      },
    },
    bodyLimit: maxScenarioBytes,
    config: {
      doc: {
        summary: 'Upload a new version of a scenario (created on first upload); compiled and type-checked first',
        tags,
        rawBody: { contentTypes: sourceTypes, description: `TypeScript or JavaScript source, at most ${maxScenarioBytes} bytes` },
        responses: {
          201: { description: 'Stored and now current', schema: scenarioVersionSchema },
          400: errorResponse('Bad name or empty body'),
          413: errorResponse('Larger than 128 KiB'),
          415: errorResponse('Not a source content type'),
          422: errorResponse('Does not compile or type-check: details.file, line, column and details.errors'),
        },
      },
    } satisfies RouteConfig,
    handler: async (request, reply) => {
      if (typeof request.body !== 'string' || request.body.length === 0) {
        throw new ApiError(400, 'empty_body', `send the scenario source as the body (${sourceTypes.join(', ')})`);
      }
      const upload = { name: request.params.name, source: request.body };
      const stored = await ctx.library.upload(
        request.query.fileName === undefined ? upload : { ...upload, fileName: request.query.fileName },
      );
      const { source: _source, code: _code, ...summary } = stored;
      return reply
        .code(201)
        .header('location', `/scenarios/${encodeURIComponent(stored.name)}/versions/${stored.version}`)
        .send(summary);
    },
  });

  app.get<{ Params: { name: string; version: string } }>('/scenarios/:name/versions/:version', {
    schema: {
      params: {
        type: 'object',
        required: ['name', 'version'],
        additionalProperties: false,
        properties: { name: nameParams.properties.name, version: digits('Version number', 9) },
      },
    },
    config: {
      doc: {
        summary: 'Get one version of a scenario, with its source',
        tags,
        responses: { 200: { description: 'The version', schema: scenarioVersionSchema }, 404: errorResponse('No such version') },
      },
    } satisfies RouteConfig,
    handler: async (request) => {
      const { code: _code, ...version } = ctx.store.scenarios.version(request.params.name, Number(request.params.version));
      return version;
    },
  });

  app.delete<{ Params: { name: string } }>('/scenarios/:name', {
    schema: { params: nameParams },
    config: {
      doc: {
        summary: 'Delete a scenario and all its versions',
        tags,
        responses: {
          204: { description: 'Deleted' },
          404: errorResponse('No such scenario'),
          409: errorResponse('A rule still routes calls to it (details.rules)'),
        },
      },
    } satisfies RouteConfig,
    handler: async (request, reply) => {
      ctx.store.scenarios.delete(request.params.name);
      return reply.code(204).send();
    },
  });
}

/**
 * Sessions: start a scenario with custom data (VoxEngine's StartScenarios), list, inspect (status, calls, log),
 * terminate. The store keeps every session's record; a running session's calls and log come from the session itself.
 */
import { randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import type { SessionRecord, SessionStatus } from '../../store/store-types.js';
import type { ApiContext } from '../api-context.js';
import { ApiError } from '../api-error.js';
import { idParams, listOf, pageQuery, parsePage, sessionSchema } from '../api-schemas.js';
import { errorResponse, type RouteConfig } from '../openapi-document.js';
import type { SessionOutcome } from '../session-port.js';

const tags = ['sessions'];
const statuses: SessionStatus[] = ['running', 'ended', 'failed', 'interrupted'];

interface StartBody {
  scenario: string;
  version?: number;
  customData?: string;
}

export async function sessionRoutes(app: FastifyInstance, ctx: ApiContext): Promise<void> {
  const controlUrl = (id: string) => `${ctx.baseUrl()}/control/${id}/${ctx.signer.controlKey(id)}`;

  const view = (record: SessionRecord) => {
    const live = record.status === 'running' ? ctx.sessions.find(record.id) : undefined;
    return {
      ...record,
      status: live?.status ?? record.status,
      accessUrl: controlUrl(record.id),
      calls: live ? live.calls : ctx.store.callRecords.forSession(record.id),
      log: live ? live.log : record.log,
    };
  };

  app.post<{ Body: StartBody }>('/sessions', {
    schema: {
      body: {
        type: 'object',
        required: ['scenario'],
        additionalProperties: false,
        properties: {
          scenario: { type: 'string', minLength: 1, maxLength: 64 },
          version: { type: 'integer', minimum: 1, description: 'Default: the current version' },
          customData: { type: 'string', maxLength: 32768, description: 'VoxEngine.customData() in the session' },
        },
      },
    },
    config: {
      doc: {
        summary: 'Start a session of a scenario with custom data',
        tags,
        responses: {
          201: { description: 'Started; accessUrl is its control URL', schema: sessionSchema },
          400: errorResponse('Invalid body or unknown scenario/version'),
          503: errorResponse('The engine could not start the session'),
        },
      },
    } satisfies RouteConfig,
    handler: async (request, reply) => {
      const { scenario: name, version, customData = '' } = request.body;
      if (!ctx.store.scenarios.exists(name)) {
        throw new ApiError(400, 'invalid_reference', `scenario '${name}' does not exist`, { scenario: name });
      }
      const scenarioVersion = version ?? ctx.store.scenarios.get(name).currentVersion;
      const scenario = findVersion(ctx, name, scenarioVersion);
      const id = randomUUID();
      ctx.store.sessions.start({ id, scenario: name, scenarioVersion, customData });
      ctx.metrics.sessionsStarted.inc();
      const observer = {
        ended: (outcome: SessionOutcome) => {
          ctx.store.sessions.end(id, outcome);
          ctx.metrics.sessionsEnded.inc({ status: outcome.status });
        },
      };
      try {
        await ctx.sessions.start({ sessionId: id, scenario, customData, accessUrl: controlUrl(id) }, observer);
      } catch (error) {
        const reason = `could not start: ${(error as Error).message}`;
        ctx.store.sessions.end(id, { status: 'failed', reason, log: [] });
        throw new ApiError(503, 'session_start_failed', reason, { sessionId: id });
      }
      return reply.code(201).header('location', `/sessions/${id}`).send(view(ctx.store.sessions.get(id)));
    },
  });

  app.get<{ Querystring: { status?: SessionStatus; scenario?: string; limit?: string; offset?: string } }>('/sessions', {
    schema: {
      querystring: {
        type: 'object',
        additionalProperties: false,
        properties: {
          status: { type: 'string', enum: statuses },
          scenario: { type: 'string', maxLength: 64 },
          ...pageQuery,
        },
      },
    },
    config: {
      doc: {
        summary: 'List sessions, newest first (offset + limit)',
        tags,
        responses: { 200: { description: 'Sessions (without calls and log)', schema: listOf(sessionSchema) } },
      },
    } satisfies RouteConfig,
    handler: async (request) => {
      const { status, scenario } = request.query;
      const items = ctx.store.sessions.list({
        ...parsePage(request.query),
        ...(status && { status }),
        ...(scenario && { scenario }),
      });
      return { items: items.map(({ log: _log, ...session }) => ({ ...session, accessUrl: controlUrl(session.id) })) };
    },
  });

  app.get<{ Params: { id: string } }>('/sessions/:id', {
    schema: { params: idParams('Session id') },
    config: {
      doc: {
        summary: 'Get a session: status, calls and log lines',
        tags,
        responses: { 200: { description: 'The session', schema: sessionSchema }, 404: errorResponse('No such session') },
      },
    } satisfies RouteConfig,
    handler: async (request) => view(ctx.store.sessions.get(request.params.id)),
  });

  app.post<{ Params: { id: string } }>('/sessions/:id/terminate', {
    schema: { params: idParams('Session id') },
    config: {
      doc: {
        summary: 'Terminate a running session (its calls are hung up)',
        tags,
        responses: {
          200: { description: 'The session after termination', schema: sessionSchema },
          404: errorResponse('No such session'),
          409: errorResponse('The session is not running'),
        },
      },
    } satisfies RouteConfig,
    handler: async (request) => {
      const record = ctx.store.sessions.get(request.params.id);
      if (record.status !== 'running' || !ctx.sessions.find(record.id)) {
        throw new ApiError(409, 'session_not_running', `session '${record.id}' is ${record.status === 'running' ? 'ending' : record.status}`);
      }
      await ctx.sessions.terminate(record.id);
      return view(ctx.store.sessions.get(record.id));
    },
  });
}

function findVersion(ctx: ApiContext, name: string, version: number) {
  try {
    return ctx.store.scenarios.version(name, version);
  } catch {
    throw new ApiError(400, 'invalid_reference', `scenario '${name}' has no version ${version}`, { scenario: name, version });
  }
}

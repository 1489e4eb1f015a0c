/**
 * Call records, one per call leg, newest first. Paging uses a keyset cursor: each page returns `nextCursor`, passed
 * back as `cursor` for the next one; new calls arriving meanwhile do not shift the pages.
 */
import type { FastifyInstance } from 'fastify';
import type { CallRecordQuery } from '../../store/store-types.js';
import type { ApiContext } from '../api-context.js';
import { ApiError } from '../api-error.js';
import { callRecordSchema, digits, idParams, parseLimit } from '../api-schemas.js';
import { errorResponse, type RouteConfig } from '../openapi-document.js';

const tags = ['calls'];

interface CallQuery {
  from?: string;
  to?: string;
  number?: string;
  status?: CallRecordQuery['status'];
  direction?: CallRecordQuery['direction'];
  session?: string;
  cursor?: string;
  limit?: string;
}

export async function callRecordRoutes(app: FastifyInstance, ctx: ApiContext): Promise<void> {
  app.get<{ Querystring: CallQuery }>('/calls', {
    schema: {
      querystring: {
        type: 'object',
        additionalProperties: false,
        properties: {
          from: digits('Created at or after (epoch ms)'),
          to: digits('Created before (epoch ms)'),
          number: { type: 'string', minLength: 1, maxLength: 256, description: 'Remote or local party is this number (a SIP URI matches by its user part)' },
          status: { type: 'string', enum: ['dialing', 'ringing', 'progressing', 'terminating', 'canceling', 'hangup'] },
          direction: { type: 'string', enum: ['incoming', 'outgoing'] },
          session: { type: 'string', minLength: 1, maxLength: 128, description: 'Session id' },
          cursor: { type: 'string', minLength: 1, maxLength: 512, description: 'nextCursor of the previous page' },
          limit: digits('Page size, 1-500 (default 50)', 3),
        },
      },
    },
    config: {
      doc: {
        summary: 'List call records, newest first, filtered; paged with a cursor',
        tags,
        responses: {
          200: {
            description: 'A page; nextCursor is null on the last one',
            schema: {
              type: 'object',
              properties: {
                items: { type: 'array', items: callRecordSchema },
                nextCursor: { type: 'string', nullable: true },
              },
            },
          },
          400: errorResponse('Bad filter or cursor'),
        },
      },
    } satisfies RouteConfig,
    handler: async (request) => {
      const q = request.query;
      const query: CallRecordQuery = { limit: parseLimit(q.limit) };
      if (q.from !== undefined) query.from = Number(q.from);
      if (q.to !== undefined) query.to = Number(q.to);
      if (query.from !== undefined && query.to !== undefined && query.from > query.to) {
        throw new ApiError(400, 'invalid_request', 'from must not be after to', { location: 'querystring' });
      }
      if (q.number !== undefined) query.number = q.number;
      if (q.status !== undefined) query.status = q.status;
      if (q.direction !== undefined) query.direction = q.direction;
      if (q.session !== undefined) query.sessionId = q.session;
      if (q.cursor !== undefined) query.cursor = q.cursor;
      return ctx.store.callRecords.query(query);
    },
  });

  app.get<{ Params: { id: string } }>('/calls/:id', {
    schema: { params: idParams('Call id') },
    config: {
      doc: {
        summary: 'Get one call record',
        tags,
        responses: { 200: { description: 'The record', schema: callRecordSchema }, 404: errorResponse('No such call') },
      },
    } satisfies RouteConfig,
    handler: async (request) => ctx.store.callRecords.get(request.params.id),
  });
}

/**
 * Rules: the ordered table that routes a dialled number to a scenario. Updates and deletes carry the `version` the
 * client last saw (optimistic locking); a stale one gets 409 and changes nothing.
 */
import type { FastifyInstance } from 'fastify';
import { compileRulePattern } from '../../routing/rule-pattern.js';
import type { ApiContext } from '../api-context.js';
import { ApiError } from '../api-error.js';
import { digits, idParams, listOf, ruleSchema } from '../api-schemas.js';
import { errorResponse, type RouteConfig } from '../openapi-document.js';

const tags = ['rules'];

const ruleFields = {
  name: { type: 'string', minLength: 1, maxLength: 128 },
  pattern: { type: 'string', minLength: 1, maxLength: 512, description: 'Regular expression over the whole dialled number' },
  scenario: { type: 'string', minLength: 1, maxLength: 64, description: 'Scenario name; its current version runs' },
};

interface RuleBody {
  name: string;
  pattern: string;
  scenario: string;
}

export async function ruleRoutes(app: FastifyInstance, ctx: ApiContext): Promise<void> {
  const rules = ctx.store.rules;
  const badInput = { 400: errorResponse('Invalid body, unknown scenario or bad regular expression') };

  app.get('/rules', {
    config: {
      doc: { summary: 'List rules in the order they are tried', tags, responses: { 200: { description: 'Rules', schema: listOf(ruleSchema) } } },
    } satisfies RouteConfig,
    handler: async () => ({ items: rules.list() }),
  });

  app.post<{ Body: RuleBody & { position?: number } }>('/rules', {
    schema: {
      body: {
        type: 'object',
        required: ['name', 'pattern', 'scenario'],
        additionalProperties: false,
        properties: { ...ruleFields, position: { type: 'integer', minimum: 0, description: 'Insert here (default: last)' } },
      },
    },
    config: {
      doc: { summary: 'Create a rule', tags, responses: { 201: { description: 'Created, version 1', schema: ruleSchema }, ...badInput } },
    } satisfies RouteConfig,
    handler: async (request, reply) => {
      const { position, ...input } = request.body;
      compileRulePattern(input.pattern);
      const rule = rules.create(input, position);
      return reply.code(201).header('location', `/rules/${rule.id}`).send(rule);
    },
  });

  app.get<{ Querystring: { number: string } }>('/rules/match', {
    schema: {
      querystring: {
        type: 'object',
        required: ['number'],
        additionalProperties: false,
        properties: { number: { type: 'string', minLength: 1, maxLength: 256, description: 'A dialled number' } },
      },
    },
    config: {
      doc: {
        summary: 'Dry run: which rule and scenario version would take a call to this number',
        tags,
        responses: {
          200: { description: 'The matching rule and scenario version', schema: { type: 'object' } },
          404: errorResponse('No rule matches'),
        },
      },
    } satisfies RouteConfig,
    handler: async (request) => {
      const match = ctx.ruleTable.match(request.query.number);
      if (!match) throw new ApiError(404, 'no_match', `no rule matches '${request.query.number}'`);
      return { rule: match.rule, scenario: { name: match.scenario.name, version: match.scenario.version } };
    },
  });

  app.put<{ Body: { ids: string[] } }>('/rules/order', {
    schema: {
      body: {
        type: 'object',
        required: ['ids'],
        additionalProperties: false,
        properties: { ids: { type: 'array', maxItems: 10000, items: { type: 'string', minLength: 1, maxLength: 128 } } },
      },
    },
    config: {
      doc: {
        summary: 'Reorder the rules: ids lists every rule once, first tried first',
        tags,
        responses: {
          200: { description: 'The rules in their new order', schema: listOf(ruleSchema) },
          409: errorResponse('The list does not match the current rules (details.current)'),
        },
      },
    } satisfies RouteConfig,
    handler: async (request) => ({ items: rules.reorder(request.body.ids) }),
  });

  app.get<{ Params: { id: string } }>('/rules/:id', {
    schema: { params: idParams('Rule id') },
    config: {
      doc: { summary: 'Get a rule', tags, responses: { 200: { description: 'The rule', schema: ruleSchema }, 404: errorResponse('No such rule') } },
    } satisfies RouteConfig,
    handler: async (request) => rules.get(request.params.id),
  });

  app.put<{ Params: { id: string }; Body: RuleBody & { version: number } }>('/rules/:id', {
    schema: {
      params: idParams('Rule id'),
      body: {
        type: 'object',
        required: ['name', 'pattern', 'scenario', 'version'],
        additionalProperties: false,
        properties: { ...ruleFields, version: { type: 'integer', minimum: 1, description: 'The version being replaced' } },
      },
    },
    config: {
      doc: {
        summary: 'Replace a rule (optimistic locking on version)',
        tags,
        responses: {
          200: { description: 'Updated; version is one higher', schema: ruleSchema },
          ...badInput,
          404: errorResponse('No such rule'),
          409: errorResponse('Stale version (details.currentVersion)'),
        },
      },
    } satisfies RouteConfig,
    handler: async (request) => {
      const { version, ...input } = request.body;
      compileRulePattern(input.pattern);
      return rules.update(request.params.id, input, version);
    },
  });

  app.delete<{ Params: { id: string }; Querystring: { version?: string } }>('/rules/:id', {
    schema: {
      params: idParams('Rule id'),
      querystring: {
        type: 'object',
        additionalProperties: false,
        properties: { version: digits('Delete only if the rule is still at this version', 9) },
      },
    },
    config: {
      doc: {
        summary: 'Delete a rule',
        tags,
        responses: { 204: { description: 'Deleted' }, 404: errorResponse('No such rule'), 409: errorResponse('Stale version') },
      },
    } satisfies RouteConfig,
    handler: async (request, reply) => {
      const { version } = request.query;
      rules.delete(request.params.id, version === undefined ? undefined : Number(version));
      return reply.code(204).send();
    },
  });
}

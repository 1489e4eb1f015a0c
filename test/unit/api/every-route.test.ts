/**
 * Sweeps every route the OpenAPI document lists, so a new route cannot skip authentication or the body checks.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApi, upload, type TestApi } from './api-test-server.js';

interface Operation {
  security?: unknown[];
  requestBody?: { content: Record<string, { schema: { properties?: Record<string, unknown> } }> };
}

describe('every documented route', () => {
  let api: TestApi;
  let operations: { method: string; path: string; operation: Operation }[];

  beforeAll(async () => {
    api = await startTestApi();
    await upload(api, 'sweep');
    const doc = (await api.call('GET', '/openapi.json')).body as { paths: Record<string, Record<string, Operation>> };
    operations = Object.entries(doc.paths).flatMap(([path, methods]) =>
      Object.entries(methods).map(([method, operation]) => ({
        method: method.toUpperCase(),
        // Any syntactically valid value: the checks under test run before the route looks anything up.
        path: path.replace(/\{(\w+)\}/g, (_match, name: string) => (name === 'version' ? '1' : name === 'collection' ? 'assets' : 'x')),
        operation,
      })),
    );
  });
  afterAll(() => api.close());

  it('lists more than thirty operations', () => {
    expect(operations.length).toBeGreaterThan(30);
  });

  it('answers 401 without a token on every route that is not public', async () => {
    const snapshot = JSON.stringify([api.store.rules.list(), api.store.scenarios.list()]);
    for (const { method, path, operation } of operations) {
      if (operation.security?.length === 0) continue;
      const response = await api.call(method, path, { token: null, json: method === 'GET' || method === 'DELETE' ? undefined : {} });
      expect(response.status, `${method} ${path}`).toBe(401);
      expect(response.body.error.code, `${method} ${path}`).toBe('unauthorized');
    }
    expect(JSON.stringify([api.store.rules.list(), api.store.scenarios.list()])).toBe(snapshot);
  });

  it('answers malformed JSON and unknown fields with 400 on every route that takes a JSON body', async () => {
    const jsonRoutes = operations.filter(({ operation }) => operation.requestBody?.content['application/json']);
    expect(jsonRoutes.map(({ method, path }) => `${method} ${path}`)).toEqual(
      expect.arrayContaining(['POST /rules', 'PUT /rules/x', 'PUT /rules/order', 'POST /sessions']),
    );
    for (const { method, path } of jsonRoutes) {
      const malformed = await api.call(method, path, { body: '{"a":', contentType: 'application/json' });
      expect(malformed.status, `${method} ${path}`).toBe(400);
      expect(malformed.body.error.code, `${method} ${path}`).toBe('malformed_json');
      const unknown = await api.call(method, path, { json: { surprise: true } });
      expect(unknown.status, `${method} ${path}`).toBe(400);
      expect(unknown.body.error.code, `${method} ${path}`).toBe('invalid_request');
    }
    expect(api.store.rules.list()).toEqual([]);
    expect(api.store.sessions.list({ limit: 10, offset: 0 })).toEqual([]);
  });

  it('answers unknown query parameters with 400 on every route that is not public', async () => {
    for (const { method, path, operation } of operations) {
      if (operation.security?.length === 0) continue;
      const contentType = Object.keys(operation.requestBody?.content ?? {})[0];
      const body =
        contentType === undefined ? {} : contentType === 'application/json' ? { json: {} } : { body: 'x', contentType };
      const response = await api.call(method, `${path}?surprise=1`, body);
      expect(response.status, `${method} ${path}`).toBe(400);
      // fastify validates the body before the query, so a route with a body may name the body's problem first.
      if (!operation.requestBody) expect(response.body.error.details.location, `${method} ${path}`).toBe('querystring');
    }
    expect(api.store.rules.list()).toEqual([]);
    expect(api.store.scenarios.list().map((s) => s.name)).toEqual(['sweep']);
  });
});

import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startTestApi, upload, type TestApi } from './api-test-server.js';

describe('management API: rules', () => {
  let api: TestApi;
  beforeAll(async () => {
    api = await startTestApi();
    await upload(api, 'sales');
    await upload(api, 'support');
  });
  afterAll(() => api.close());
  beforeEach(() => {
    for (const rule of api.store.rules.list()) api.store.rules.delete(rule.id);
  });

  const create = async (name: string, pattern: string, scenario = 'sales', position?: number) => {
    const response = await api.call('POST', '/rules', { json: { name, pattern, scenario, ...(position !== undefined && { position }) } });
    expect(response.status).toBe(201);
    return response.body as { id: string; version: number; position: number };
  };

  it('creates a rule at version 1, last in the table', async () => {
    await create('first', '1.*');
    const response = await api.call('POST', '/rules', { json: { name: 'toll-free', pattern: '1800\\d+', scenario: 'support' } });
    expect(response.status).toBe(201);
    expect(response.headers.get('location')).toBe(`/rules/${response.body.id}`);
    expect(response.body).toMatchObject({ name: 'toll-free', pattern: '1800\\d+', scenario: 'support', position: 1, version: 1 });
  });

  it('inserts at a given position and lists in table order', async () => {
    const a = await create('a', 'a');
    const b = await create('b', 'b');
    const first = await create('first', 'f', 'sales', 0);
    const list = await api.call('GET', '/rules');
    expect(list.body.items.map((r: { id: string }) => r.id)).toEqual([first.id, a.id, b.id]);
    expect(list.body.items.map((r: { position: number }) => r.position)).toEqual([0, 1, 2]);
  });

  it('gets one rule and answers an unknown id with 404', async () => {
    const rule = await create('one', '1');
    expect((await api.call('GET', `/rules/${rule.id}`)).body).toMatchObject({ id: rule.id, version: 1 });
    const missing = await api.call('GET', '/rules/no-such-rule');
    expect(missing.status).toBe(404);
    expect(missing.body.error.code).toBe('not_found');
  });

  it('updates with the current version and bumps it', async () => {
    const rule = await create('r', '1.*');
    const response = await api.call('PUT', `/rules/${rule.id}`, {
      json: { name: 'r2', pattern: '2.*', scenario: 'support', version: 1 },
    });
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ name: 'r2', pattern: '2.*', scenario: 'support', version: 2 });
  });

  it('refuses a stale update with 409 and changes nothing', async () => {
    const rule = await create('r', '1.*');
    await api.call('PUT', `/rules/${rule.id}`, { json: { name: 'r', pattern: '3.*', scenario: 'sales', version: 1 } });
    const stale = await api.call('PUT', `/rules/${rule.id}`, { json: { name: 'r', pattern: '4.*', scenario: 'sales', version: 1 } });
    expect(stale.status).toBe(409);
    expect(stale.body.error).toMatchObject({ code: 'version_conflict', details: { currentVersion: 2 } });
    expect(api.store.rules.get(rule.id)).toMatchObject({ pattern: '3.*', version: 2 });
  });

  it('lets exactly one of two concurrent updates from the same version win', async () => {
    const rule = await create('r', '1.*');
    const results = await Promise.all(
      ['5.*', '6.*'].map((pattern) => api.call('PUT', `/rules/${rule.id}`, { json: { name: 'r', pattern, scenario: 'sales', version: 1 } })),
    );
    expect(results.map((r) => r.status).sort()).toEqual([200, 409]);
    const winner = results.find((r) => r.status === 200)!.body;
    expect(api.store.rules.get(rule.id)).toMatchObject({ pattern: winner.pattern, version: 2 });
  });

  it('refuses an update without a version with 400', async () => {
    const rule = await create('r', '1.*');
    const response = await api.call('PUT', `/rules/${rule.id}`, { json: { name: 'r', pattern: '4.*', scenario: 'sales' } });
    expect(response.status).toBe(400);
    expect(response.body.error.details.errors[0].field).toBe('version');
  });

  it('refuses a bad regular expression with 400 on create and update, storing nothing', async () => {
    const created = await api.call('POST', '/rules', { json: { name: 'bad', pattern: '1(2', scenario: 'sales' } });
    expect(created.status).toBe(400);
    expect(created.body.error).toMatchObject({ code: 'invalid_pattern', details: { field: 'pattern', pattern: '1(2' } });
    expect(created.body.error.message).toContain('not a valid regular expression');
    expect(api.store.rules.list()).toEqual([]);
    const rule = await create('r', '1.*');
    const updated = await api.call('PUT', `/rules/${rule.id}`, { json: { name: 'r', pattern: '[', scenario: 'sales', version: 1 } });
    expect(updated.status).toBe(400);
    expect(api.store.rules.get(rule.id)).toMatchObject({ pattern: '1.*', version: 1 });
  });

  it('refuses a pattern that only looks valid once anchored', async () => {
    const response = await api.call('POST', '/rules', { json: { name: 'bad', pattern: 'a)(b', scenario: 'sales' } });
    expect(response.status).toBe(400);
  });

  it('refuses a rule naming an unknown scenario with 400 invalid_reference', async () => {
    const response = await api.call('POST', '/rules', { json: { name: 'x', pattern: '.*', scenario: 'ghost' } });
    expect(response.status).toBe(400);
    expect(response.body.error).toMatchObject({ code: 'invalid_reference', details: { scenario: 'ghost' } });
    const rule = await create('r', '1.*');
    const update = await api.call('PUT', `/rules/${rule.id}`, { json: { name: 'r', pattern: '1.*', scenario: 'ghost', version: 1 } });
    expect(update.status).toBe(400);
  });

  it('refuses an update of an unknown rule with 404', async () => {
    const response = await api.call('PUT', '/rules/ghost', { json: { name: 'r', pattern: '1', scenario: 'sales', version: 1 } });
    expect(response.status).toBe(404);
  });

  it('deletes a rule, closing the gap in positions', async () => {
    const a = await create('a', 'a');
    const b = await create('b', 'b');
    const c = await create('c', 'c');
    expect((await api.call('DELETE', `/rules/${b.id}`)).status).toBe(204);
    expect(api.store.rules.list().map((r) => [r.id, r.position])).toEqual([
      [a.id, 0],
      [c.id, 1],
    ]);
    expect((await api.call('DELETE', `/rules/${b.id}`)).status).toBe(404);
  });

  it('deletes only at the expected version when one is given', async () => {
    const rule = await create('r', '1');
    await api.call('PUT', `/rules/${rule.id}`, { json: { name: 'r', pattern: '2', scenario: 'sales', version: 1 } });
    const stale = await api.call('DELETE', `/rules/${rule.id}?version=1`);
    expect(stale.status).toBe(409);
    expect(api.store.rules.list()).toHaveLength(1);
    expect((await api.call('DELETE', `/rules/${rule.id}?version=2`)).status).toBe(204);
  });

  it('reorders the table', async () => {
    const a = await create('a', 'a');
    const b = await create('b', 'b');
    const c = await create('c', 'c');
    const response = await api.call('PUT', '/rules/order', { json: { ids: [c.id, a.id, b.id] } });
    expect(response.status).toBe(200);
    expect(response.body.items.map((r: { id: string }) => r.id)).toEqual([c.id, a.id, b.id]);
  });

  it('refuses a reorder that misses, repeats or invents a rule with 409, keeping the order', async () => {
    const a = await create('a', 'a');
    const b = await create('b', 'b');
    for (const ids of [[a.id], [a.id, a.id], [a.id, b.id, 'ghost']]) {
      const response = await api.call('PUT', '/rules/order', { json: { ids } });
      expect(response.status).toBe(409);
      expect(response.body.error.details.current).toEqual([a.id, b.id]);
    }
    expect(api.store.rules.list().map((r) => r.id)).toEqual([a.id, b.id]);
  });

  it('refuses a reorder body of the wrong shape with 400', async () => {
    expect((await api.call('PUT', '/rules/order', { json: { ids: 'a,b' } })).status).toBe(400);
    expect((await api.call('PUT', '/rules/order', { json: { ids: [1, 2] } })).status).toBe(400);
  });

  it('answers a dry-run match with the first matching rule and the current scenario version', async () => {
    await create('toll-free', '1800\\d{7}', 'support');
    const catchAll = await create('all', '.*', 'sales');
    const tollFree = await api.call('GET', '/rules/match?number=18005550100');
    expect(tollFree.body).toMatchObject({ rule: { name: 'toll-free' }, scenario: { name: 'support', version: 1 } });
    const other = await api.call('GET', '/rules/match?number=4930123');
    expect(other.body.rule.id).toBe(catchAll.id);
    await api.call('DELETE', `/rules/${catchAll.id}`);
    const none = await api.call('GET', '/rules/match?number=4930123');
    expect(none.status).toBe(404);
    expect(none.body.error.code).toBe('no_match');
  });

  it('refuses a dry-run match without a number with 400', async () => {
    const response = await api.call('GET', '/rules/match');
    expect(response.status).toBe(400);
    expect(response.body.error.details.errors[0].field).toBe('number');
  });

  it('sees a rule change on the next match without a restart', async () => {
    const rule = await create('r', '1.*', 'sales');
    expect((await api.call('GET', '/rules/match?number=123')).body.scenario.name).toBe('sales');
    await api.call('PUT', `/rules/${rule.id}`, { json: { name: 'r', pattern: '1.*', scenario: 'support', version: 1 } });
    expect((await api.call('GET', '/rules/match?number=123')).body.scenario.name).toBe('support');
  });
});

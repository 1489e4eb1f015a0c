import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { endedCall } from '../store/call-record-fixtures.js';
import { send, startTestApi, upload, type TestApi } from './api-test-server.js';

describe('management API: sessions and control URLs', () => {
  let api: TestApi;
  beforeAll(async () => {
    api = await startTestApi();
    await upload(api, 'notify');
    await upload(api, 'notify', 'Logger.write("v2");');
  });
  afterAll(() => api.close());

  const start = async (json: object) => {
    const response = await api.call('POST', '/sessions', { json });
    expect(response.status).toBe(201);
    return response.body as { id: string; accessUrl: string; scenarioVersion: number; status: string };
  };

  it('starts the current version with custom data and hands the session its control URL', async () => {
    const session = await start({ scenario: 'notify', customData: '{"to":"+15550100"}' });
    expect(session).toMatchObject({ scenario: 'notify', scenarioVersion: 2, status: 'running', customData: '{"to":"+15550100"}' });
    expect(session.accessUrl).toMatch(new RegExp(`^${api.url}/control/${session.id}/[A-Za-z0-9_-]+$`));
    const started = api.sessions.sessions.get(session.id)!.request;
    expect(started).toMatchObject({ sessionId: session.id, customData: '{"to":"+15550100"}', accessUrl: session.accessUrl });
    expect(started.scenario).toMatchObject({ name: 'notify', version: 2, fileName: 'notify.ts' });
    expect(started.scenario.code).toContain('v2');
  });

  it('starts a named version; custom data defaults to empty', async () => {
    const session = await start({ scenario: 'notify', version: 1 });
    expect(session).toMatchObject({ scenarioVersion: 1, customData: '' });
  });

  it('refuses an unknown scenario or version with 400 and records no session', async () => {
    const before = api.store.sessions.list({ limit: 500, offset: 0 }).length;
    const unknown = await api.call('POST', '/sessions', { json: { scenario: 'ghost' } });
    expect(unknown.status).toBe(400);
    expect(unknown.body.error.code).toBe('invalid_reference');
    const noVersion = await api.call('POST', '/sessions', { json: { scenario: 'notify', version: 9 } });
    expect(noVersion.status).toBe(400);
    expect(api.store.sessions.list({ limit: 500, offset: 0 })).toHaveLength(before);
  });

  it('refuses wrong types and unknown fields with 400', async () => {
    expect((await api.call('POST', '/sessions', { json: { scenario: 'notify', customData: { a: 1 } } })).status).toBe(400);
    expect((await api.call('POST', '/sessions', { json: { scenario: 'notify', version: 1.5 } })).status).toBe(400);
    const unknown = await api.call('POST', '/sessions', { json: { scenario: 'notify', timeout: 5 } });
    expect(unknown.body.error.message).toContain("unknown field 'timeout'");
  });

  it('answers 503 when the engine cannot start the session, and records it as failed', async () => {
    api.sessions.failNextStart = new Error('no sandbox worker');
    const response = await api.call('POST', '/sessions', { json: { scenario: 'notify' } });
    expect(response.status).toBe(503);
    expect(response.body.error.code).toBe('session_start_failed');
    const stored = api.store.sessions.get(response.body.error.details.sessionId);
    expect(stored).toMatchObject({ status: 'failed', endReason: 'could not start: no sandbox worker' });
  });

  it('shows a running session with its live calls and log', async () => {
    const session = await start({ scenario: 'notify', customData: 'x' });
    const live = api.sessions.sessions.get(session.id)!.live;
    live.calls.push(endedCall({ sessionId: session.id, status: 'ringing' }));
    live.log.push('dialling');
    const response = await api.call('GET', `/sessions/${session.id}`);
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ id: session.id, status: 'running', log: ['started with x', 'dialling'] });
    expect(response.body.calls).toHaveLength(1);
  });

  it('shows an ended session from the store with its call records and kept log', async () => {
    const session = await start({ scenario: 'notify' });
    api.store.callRecords.write(endedCall({ sessionId: session.id }));
    api.sessions.end(session.id, 'failed', 'scenario_error: boom');
    const response = await api.call('GET', `/sessions/${session.id}`);
    expect(response.body).toMatchObject({ status: 'failed', endReason: 'scenario_error: boom', log: ['started with ', 'ended'] });
    expect(response.body.calls).toHaveLength(1);
    expect(response.body.endedAt).toEqual(expect.any(Number));
  });

  it('terminates a running session, and refuses to terminate it twice with 409', async () => {
    const session = await start({ scenario: 'notify' });
    const response = await api.call('POST', `/sessions/${session.id}/terminate`);
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ status: 'ended', endReason: 'terminated through the API' });
    const again = await api.call('POST', `/sessions/${session.id}/terminate`);
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('session_not_running');
  });

  it('answers unknown sessions with 404', async () => {
    expect((await api.call('GET', '/sessions/ghost')).status).toBe(404);
    expect((await api.call('POST', '/sessions/ghost/terminate')).status).toBe(404);
  });

  it('lists sessions newest first, filtered by status and scenario, paged by offset and limit', async () => {
    const all = await api.call('GET', '/sessions?limit=500');
    expect(all.body.items.length).toBeGreaterThan(4);
    expect(all.body.items[0]).not.toHaveProperty('log');
    const running = await api.call('GET', '/sessions?status=running');
    expect(running.body.items.every((s: { status: string }) => s.status === 'running')).toBe(true);
    const page = await api.call('GET', '/sessions?limit=2&offset=1');
    expect(page.body.items.map((s: { id: string }) => s.id)).toEqual(all.body.items.slice(1, 3).map((s: { id: string }) => s.id));
    expect((await api.call('GET', '/sessions?scenario=ghost')).body.items).toEqual([]);
    expect((await api.call('GET', '/sessions?status=sleeping')).status).toBe(400);
    expect((await api.call('GET', '/sessions?limit=-1')).status).toBe(400);
  });

  it('raises AppEvents.HttpRequest through the control URL without the API token', async () => {
    const session = await start({ scenario: 'notify' });
    const response = await send(session.accessUrl, 'POST', '', {
      token: null,
      body: '{"action":"hangup"}',
      contentType: 'application/json',
      headers: { 'X-Request-Id': 'r-1', 'User-Agent': 'crm' },
    });
    expect(response.status).toBe(202);
    const [event] = api.sessions.sessions.get(session.id)!.httpRequests;
    expect(event).toEqual({
      method: 'POST',
      path: new URL(session.accessUrl).pathname,
      content: '{"action":"hangup"}',
      headers: [{ key: 'x-request-id', value: 'r-1' }],
    });
  });

  it('passes any content type and a GET through the control URL', async () => {
    const session = await start({ scenario: 'notify' });
    expect((await send(session.accessUrl, 'PUT', '', { token: null, body: 'a=1', contentType: 'application/x-www-form-urlencoded' })).status).toBe(202);
    expect((await send(session.accessUrl, 'GET', '?q=1', { token: null })).status).toBe(202);
    const events = api.sessions.sessions.get(session.id)!.httpRequests;
    expect(events.map((e) => [e.method, e.content])).toEqual([
      ['PUT', 'a=1'],
      ['GET', ''],
    ]);
    expect(events[1]!.path.endsWith('?q=1')).toBe(true);
  });

  it('refuses a control request with a wrong key with 403, and one for an ended session with 404', async () => {
    const session = await start({ scenario: 'notify' });
    const forged = session.accessUrl.replace(/[^/]+$/, 'forged-key');
    expect((await send(forged, 'POST', '', { token: null, body: 'x', contentType: 'text/plain' })).status).toBe(403);
    expect(api.sessions.sessions.get(session.id)!.httpRequests).toEqual([]);
    api.sessions.end(session.id, 'ended', 'done');
    const late = await send(session.accessUrl, 'POST', '', { token: null, body: 'x', contentType: 'text/plain' });
    expect(late.status).toBe(404);
    expect(late.body.error.code).toBe('session_not_running');
  });
});

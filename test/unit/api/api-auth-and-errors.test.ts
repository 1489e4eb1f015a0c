import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApi, upload, type TestApi } from './api-test-server.js';

describe('management API: authentication and error bodies', () => {
  let api: TestApi;
  beforeAll(async () => {
    api = await startTestApi();
  });
  afterAll(() => api.close());

  it('listens on 127.0.0.1 with an ephemeral port', () => {
    expect(api.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
  });

  it('refuses a request without a token with 401, a JSON error and WWW-Authenticate', async () => {
    const response = await api.call('GET', '/rules', { token: null });
    expect(response.status).toBe(401);
    expect(response.headers.get('www-authenticate')).toBe('Bearer');
    expect(response.body).toEqual({ error: { code: 'unauthorized', message: expect.stringContaining('missing') } });
  });

  it('refuses a wrong token with 401', async () => {
    const response = await api.call('GET', '/scenarios', { token: 'nope' });
    expect(response.status).toBe(401);
    expect(response.body.error.message).toContain('invalid');
  });

  it('refuses a non-bearer authorization scheme with 401', async () => {
    const response = await api.call('GET', '/scenarios', { token: null, headers: { authorization: 'Basic dXNlcjpwdw==' } });
    expect(response.status).toBe(401);
  });

  it('leaves /health, /openapi.json open', async () => {
    expect((await api.call('GET', '/health', { token: null })).status).toBe(200);
    expect((await api.call('GET', '/openapi.json', { token: null })).status).toBe(200);
  });

  it('answers an unknown route with 404 route_not_found', async () => {
    const response = await api.call('GET', '/nothing-here');
    expect(response.status).toBe(404);
    expect(response.body.error.code).toBe('route_not_found');
  });

  it('answers malformed JSON with 400 malformed_json and stores nothing', async () => {
    await upload(api, 'malformed');
    const response = await api.call('POST', '/rules', { body: '{"name": "x", ', contentType: 'application/json' });
    expect(response.status).toBe(400);
    expect(response.body.error.code).toBe('malformed_json');
    expect(api.store.rules.list()).toEqual([]);
  });

  it('answers an empty JSON body with 400', async () => {
    const response = await api.call('POST', '/rules', { body: '', contentType: 'application/json' });
    expect(response.status).toBe(400);
    expect(response.body.error.code).toBe('malformed_json');
  });

  it('answers a body over the limit with 413 body_too_large', async () => {
    const response = await api.call('POST', '/rules', {
      json: { name: 'x'.repeat(70 * 1024), pattern: '.*', scenario: 'malformed' },
    });
    expect(response.status).toBe(413);
    expect(response.body.error.code).toBe('body_too_large');
    expect(api.store.rules.list()).toEqual([]);
  });

  it('answers an unsupported content type with 415', async () => {
    const response = await api.call('POST', '/rules', { body: 'name=x', contentType: 'application/x-www-form-urlencoded' });
    expect(response.status).toBe(415);
    expect(response.body.error.code).toBe('unsupported_media_type');
  });

  it('names the unknown field in a 400 invalid_request', async () => {
    const response = await api.call('POST', '/rules', {
      json: { name: 'x', pattern: '.*', scenario: 'malformed', priority: 3 },
    });
    expect(response.status).toBe(400);
    expect(response.body.error).toMatchObject({
      code: 'invalid_request',
      message: expect.stringContaining("unknown field 'priority'"),
      details: { location: 'body', errors: [{ field: 'priority' }] },
    });
    expect(api.store.rules.list()).toEqual([]);
  });

  it('refuses a wrong type without coercing it', async () => {
    const response = await api.call('POST', '/rules', { json: { name: 'x', pattern: '.*', scenario: 'malformed', position: '1' } });
    expect(response.status).toBe(400);
    expect(response.body.error.details.errors[0].field).toBe('position');
  });

  it('names a missing required field', async () => {
    const response = await api.call('POST', '/rules', { json: { name: 'x', scenario: 'malformed' } });
    expect(response.status).toBe(400);
    expect(response.body.error.details.errors[0]).toEqual({ field: 'pattern', message: "'pattern' is required" });
  });

  it('refuses a JSON body that is not an object', async () => {
    const response = await api.call('POST', '/rules', { json: ['x'] });
    expect(response.status).toBe(400);
    expect(response.body.error.code).toBe('invalid_request');
  });

  it('refuses a bad query parameter with 400', async () => {
    const response = await api.call('GET', '/calls?limit=ten');
    expect(response.status).toBe(400);
    expect(response.body.error.details.location).toBe('querystring');
  });
});

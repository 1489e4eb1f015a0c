import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApi, upload, type TestApi } from './api-test-server.js';

describe('management API: health, metrics and the OpenAPI document', () => {
  let api: TestApi;
  beforeAll(async () => {
    api = await startTestApi();
  });
  afterAll(() => api.close());

  it('reports health without a token', async () => {
    const response = await api.call('GET', '/health', { token: null });
    expect(response.body).toMatchObject({ status: 'ok', activeSessions: 0 });
  });

  it('serves Prometheus text with sessions, calls, call rate, RTP, sandbox heap and SIP metrics', async () => {
    await upload(api, 'm');
    await api.call('POST', '/sessions', { json: { scenario: 'm' } });
    api.metrics.recordCallAttempt('incoming');
    api.metrics.callsActive.set({ status: 'ringing' }, 2);
    api.metrics.rtpPackets.labels({ direction: 'in' }).inc(500);
    api.metrics.rtpLatePackets.inc({}, 3);
    api.metrics.sandboxHeapBytes.set({}, 1_048_576);
    api.metrics.sipRequests.inc({ direction: 'in', method: 'INVITE' });
    api.metrics.sipResponses.inc({ direction: 'out', method: 'INVITE', code: 486 });
    const response = await api.call('GET', '/metrics');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('text/plain; version=0.0.4');
    const text = response.text;
    expect(text).toContain('# TYPE callscript_sessions_active gauge\ncallscript_sessions_active 1\n');
    expect(text).toContain('callscript_sessions_started_total 1');
    expect(text).toContain('callscript_calls_active{status="ringing"} 2');
    expect(text).toContain('callscript_call_attempts_total{direction="incoming"} 1');
    expect(text).toContain('# TYPE callscript_call_attempts_per_second gauge');
    expect(text).toContain('callscript_rtp_packets_total{direction="in"} 500');
    expect(text).toContain('callscript_rtp_late_packets_total 3');
    expect(text).toContain('callscript_sandbox_heap_bytes 1048576');
    expect(text).toContain('callscript_sip_requests_total{direction="in",method="INVITE"} 1');
    expect(text).toContain('callscript_sip_responses_total{direction="out",method="INVITE",code="486"} 1');
  });

  it('requires the token for /metrics', async () => {
    expect((await api.call('GET', '/metrics', { token: null })).status).toBe(401);
  });

  it('describes every registered route in the OpenAPI document', async () => {
    const doc = (await api.call('GET', '/openapi.json', { token: null })).body;
    expect(doc.openapi).toBe('3.0.3');
    expect(doc.servers[0].url).toBe(api.url);
    const documented = Object.entries(doc.paths as Record<string, Record<string, unknown>>).flatMap(([path, ops]) =>
      Object.keys(ops).map((method) => `${method.toUpperCase()} ${path}`),
    );
    for (const route of [
      'GET /health',
      'GET /metrics',
      'GET /openapi.json',
      'GET /scenarios',
      'GET /scenarios/{name}',
      'POST /scenarios/{name}/versions',
      'GET /scenarios/{name}/versions/{version}',
      'DELETE /scenarios/{name}',
      'GET /rules',
      'POST /rules',
      'GET /rules/match',
      'PUT /rules/order',
      'GET /rules/{id}',
      'PUT /rules/{id}',
      'DELETE /rules/{id}',
      'POST /sessions',
      'GET /sessions',
      'GET /sessions/{id}',
      'POST /sessions/{id}/terminate',
      'POST /control/{sessionId}/{key}',
      'GET /calls',
      'GET /calls/{id}',
      'GET /recordings',
      'GET /recordings/{id}',
      'POST /recordings/{id}/signed-url',
      'GET /assets',
      'POST /assets',
      'GET /assets/{id}',
      'DELETE /assets/{id}',
      'POST /assets/{id}/signed-url',
      'GET /files/{collection}/{id}',
    ]) {
      expect(documented, route).toContain(route);
    }
  });

  it('documents parameters, bodies, auth and error responses', async () => {
    const doc = (await api.call('GET', '/openapi.json', { token: null })).body;
    const put = doc.paths['/rules/{id}'].put;
    expect(put.parameters).toEqual([expect.objectContaining({ name: 'id', in: 'path', required: true })]);
    expect(put.requestBody.content['application/json'].schema.required).toContain('version');
    expect(put.responses['409'].content['application/json'].schema.$ref).toBe('#/components/schemas/Error');
    expect(put.responses['401']).toBeDefined();
    expect(doc.paths['/health'].get.security).toEqual([]);
    expect(Object.keys(doc.paths['/scenarios/{name}/versions'].post.requestBody.content)).toContain('application/typescript');
    const calls = doc.paths['/calls'].get.parameters.map((p: { name: string }) => p.name);
    expect(calls).toEqual(['from', 'to', 'number', 'status', 'direction', 'session', 'cursor', 'limit']);
  });

  it('accepts a signed-url request with no body at all', async () => {
    const asset = await api.call('POST', '/assets?name=a.wav', { body: Buffer.from('RIFFxxxxWAVE'), contentType: 'audio/wav' });
    const response = await api.call('POST', `/assets/${asset.body.id}/signed-url`);
    expect(response.status).toBe(200);
  });
});

/**
 * A real session started through the API: the scenario is compiled on upload, runs in the in-process sandbox through
 * the session glue, gets `AppEvents.Started` with its custom data and access URL, receives `AppEvents.HttpRequest`
 * from its control URL, places a (simulated) call, and is terminated through the API; its call record lands in the
 * store through the sink.
 */
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ScenarioSessionPort } from '../../../engine/api/scenario-session-port.js';
import { SimulatedLeg } from '../../../engine/call/simulated-leg.js';
import { SimulatedMediaUnits } from '../../../engine/call/simulated-media-units.js';
import { systemClock } from '../../../engine/clock.js';
import { InProcessSandboxHost } from '../../../engine/sandbox/in-process-host.js';
import { preludeSource } from '../../../engine/sandbox/prelude/build-prelude.js';
import { HttpRequestFailure, HttpFailureCode, type CallRecordSink } from '../../../engine/session/session-types.js';
import { send, startTestApi, upload, type TestApi } from './api-test-server.js';

const scenario = `
VoxEngine.addEventListener(AppEvents.Started, (e) => {
  Logger.write('started ' + VoxEngine.customData() + ' ' + e.accessURL);
});
VoxEngine.addEventListener(AppEvents.HttpRequest, (e) => {
  Logger.write('http ' + e.method + ' ' + e.content);
  if (e.content === 'dial') VoxEngine.callSIP('sip:bob@example.com', 'alice');
  if (e.content === 'boom') throw new Error('asked to fail');
});
`;

async function until(check: () => boolean | Promise<boolean>, what: string): Promise<void> {
  for (let i = 0; i < 600; i++) {
    if (await check()) return;
    await new Promise((done) => setTimeout(done, 25));
  }
  throw new Error(`timed out waiting for ${what}`);
}

describe('the API with real scenario sessions', () => {
  let api: TestApi;
  let host: InProcessSandboxHost;
  let port: ScenarioSessionPort;

  beforeAll(async () => {
    host = new InProcessSandboxHost({ preludeSource: preludeSource(), poolSize: 1 });
    // The test API creates its store after the port, so the sink reaches it lazily.
    const sink: CallRecordSink = { write: (record) => api.store.callRecords.write(record) };
    port = new ScenarioSessionPort({
      host,
      records: sink,
      services: {
        clock: systemClock,
        wallClock: Date.now,
        logger: pino({ level: 'silent' }),
        dialer: { dial: (request) => new SimulatedLeg(`call:${request.callId}`, 'outgoing', systemClock) },
        mediaUnits: new SimulatedMediaUnits(systemClock),
        http: {
          request: async () => {
            throw new HttpRequestFailure(HttpFailureCode.connection, 'no network in this test');
          },
        },
        httpAllowHosts: [],
      },
    });
    api = await startTestApi({ sessions: port });
    await upload(api, 'live', scenario);
  });
  afterAll(async () => {
    port.close();
    await api.close();
    await host.close();
  });

  it('starts the scenario with custom data, delivers control requests, and records its calls when terminated', async () => {
    const started = await api.call('POST', '/sessions', { json: { scenario: 'live', customData: 'order-42' } });
    expect(started.status).toBe(201);
    const { id, accessUrl } = started.body;
    await until(async () => (await api.call('GET', `/sessions/${id}`)).body.log.includes(`started order-42 ${accessUrl}`), 'Started');

    expect((await send(accessUrl, 'POST', '', { token: null, body: 'dial', contentType: 'text/plain' })).status).toBe(202);
    await until(async () => (await api.call('GET', `/sessions/${id}`)).body.calls.length === 1, 'the outgoing call');
    const running = (await api.call('GET', `/sessions/${id}`)).body;
    expect(running.status).toBe('running');
    expect(running.log).toContain('http POST dial');
    expect(running.calls[0]).toMatchObject({ sessionId: id, direction: 'outgoing' });

    const terminated = await api.call('POST', `/sessions/${id}/terminate`);
    expect(terminated.status).toBe(200);
    expect(terminated.body).toMatchObject({ status: 'ended', endReason: 'terminated by api' });
    expect(terminated.body.calls).toHaveLength(1);
    expect(terminated.body.calls[0]).toMatchObject({ status: 'hangup', sessionId: id });
    expect(terminated.body.log).toContain('started order-42 ' + accessUrl);
    const calls = await api.call('GET', `/calls?session=${id}`);
    expect(calls.body.items).toHaveLength(1);
    expect(port.activeCount()).toBe(0);
    expect((await send(accessUrl, 'POST', '', { token: null, body: 'late', contentType: 'text/plain' })).status).toBe(404);
  }, 60_000);

  it('records a session whose scenario throws as failed, with the author line', async () => {
    const { id, accessUrl } = (await api.call('POST', '/sessions', { json: { scenario: 'live' } })).body;
    await send(accessUrl, 'POST', '', { token: null, body: 'boom', contentType: 'text/plain' });
    await until(() => api.store.sessions.get(id).status !== 'running', 'the failure');
    const failed = (await api.call('GET', `/sessions/${id}`)).body;
    expect(failed.status).toBe('failed');
    expect(failed.endReason).toMatch(/^scenario_error: .*asked to fail.*\(live\.ts:8:\d+\)$/);
  }, 60_000);
});

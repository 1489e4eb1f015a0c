import { afterEach, describe, expect, it } from 'vitest';
import { loadScenarioSource, SimulatedHttp, type ScenarioKit } from '../../../engine/testing/index.js';

const forwarder = `
VoxEngine.addEventListener(AppEvents.CallAlerting, (e) => {
  const inbound = e.call;
  const outbound = VoxEngine.callSIP('sip:desk@example.com', { callerid: e.callerid, headers: { 'X-From': e.callerid } });
  outbound.addEventListener(CallEvents.Connected, () => {
    inbound.answer();
    VoxEngine.sendMediaBetween(inbound, outbound);
  });
  outbound.addEventListener(CallEvents.Failed, (f) => {
    Logger.write('failed ' + f.code + ' ' + f.reason);
    inbound.reject(f.code === 486 ? 486 : 480);
  });
  outbound.addEventListener(CallEvents.Disconnected, () => inbound.hangup());
  inbound.addEventListener(CallEvents.Disconnected, () => outbound.hangup());
});
`;

describe('the kit with outgoing calls', () => {
  let kit: ScenarioKit | undefined;
  afterEach(() => kit?.close());

  it('lets the test answer the call the scenario placed, and shows the media route', async () => {
    kit = await loadScenarioSource(forwarder);
    const caller = kit.incomingCall({ callerid: '+15550100', destination: '200' });
    await kit.flush();
    const desk = kit.nextOutgoingCall();
    expect(desk.dialed).toMatchObject({ kind: 'sip', to: 'sip:desk@example.com', callerid: '+15550100', headers: { 'X-From': '+15550100' } });
    desk.ringing().answer();
    await kit.flush();
    expect(caller.answered).toBe(true);
    expect(kit.routes).toEqual([
      { from: `call:${caller.id}`, to: `call:${desk.id}` },
      { from: `call:${desk.id}`, to: `call:${caller.id}` },
    ]);
    expect(caller.mediaSource).toBe(`call:${desk.id}`);
    desk.hangup();
    await kit.flush();
    expect(caller.hungUp).toEqual({});
    await kit.advance(60_000);
    expect(kit.terminated).toBe(true);
    expect(kit.records.map((r) => [r.direction, r.hangupBy])).toEqual([
      ['outgoing', 'remote'],
      ['incoming', 'local'],
    ]);
  });

  it.each([
    ['busy', 486, 486],
    ['decline', 603, 480],
    ['notFound', 404, 480],
  ] as const)('%s: Failed reaches the scenario, which rejects the caller', async (method, code, rejectedWith) => {
    kit = await loadScenarioSource(forwarder);
    const caller = kit.incomingCall({ callerid: '+15550100', destination: '200' });
    await kit.flush();
    kit.nextOutgoingCall()[method]();
    await kit.flush();
    expect(kit.logs[0]).toMatch(new RegExp(`^failed ${code} `));
    expect(caller.rejectedCode).toBe(rejectedWith);
  });

  it('no answer: the outgoing call fails with 408 after 60 s of virtual time', async () => {
    // The caller's own 60 s answer limit would end the call at the same instant; give it more room here.
    kit = await loadScenarioSource(forwarder, { limits: { incomingAnswerTimeoutMs: 120_000 } });
    const caller = kit.incomingCall({ callerid: '+15550100', destination: '200' });
    await kit.flush();
    kit.nextOutgoingCall().ringing();
    await kit.advance(59_000);
    expect(kit.logs).toEqual([]);
    await kit.advance(1_000);
    expect(kit.logs).toEqual(['failed 408 Request Timeout']);
    expect(caller.rejectedCode).toBe(480);
  });

  it('throws when the test takes an outgoing call the scenario never placed', async () => {
    kit = await loadScenarioSource(`Logger.write('idle');`);
    expect(() => kit!.nextOutgoingCall()).toThrow(/placed 0 outgoing call/);
  });
});

describe('the kit with failing scenarios', () => {
  let kit: ScenarioKit | undefined;
  afterEach(() => kit?.close());

  it('reports an exception in a handler with the author\'s file and line, and hangs the call up', async () => {
    kit = await loadScenarioSource(
      ['VoxEngine.addEventListener(AppEvents.CallAlerting, (e) => {', '  e.call.answer();', '  (e as any).nothing.here();', '});'].join('\n'),
      { fileName: 'broken.scenario.ts' },
    );
    const call = kit.incomingCall({ callerid: '1', destination: '2' });
    await kit.flush();
    expect(kit.failure).toMatchObject({ kind: 'failed', file: 'broken.scenario.ts', line: 3 });
    expect(kit.failure?.message).toMatch(/TypeError/);
    expect(call.ended).toBe(true);
    expect(kit.records[0]?.hangupReason).toBe('scenario_error');
  });
});

describe('the kit with HTTP, timers and session data', () => {
  let kit: ScenarioKit | undefined;
  afterEach(() => kit?.close());

  it('answers Net.httpRequestAsync from kit.http and runs timers on virtual time', async () => {
    kit = await loadScenarioSource(`
      VoxEngine.addEventListener(AppEvents.Started, async () => {
        const data = JSON.parse(VoxEngine.customData());
        const result = await Net.httpRequestAsync('https://crm.example.com/lookup?n=' + data.number);
        Logger.write(result.code + ' ' + result.text);
        setTimeout(() => { Logger.write('later'); VoxEngine.terminate(); }, 30_000);
      });
    `, {
      customData: JSON.stringify({ number: '+1555' }),
      http: new SimulatedHttp().on('https://crm.example.com/lookup*', { status: 200, body: '{"name":"Ann"}' }),
    });
    await kit.flush();
    expect(kit.http.requests[0]?.url).toBe('https://crm.example.com/lookup?n=+1555');
    expect(kit.logs).toEqual(['200 {"name":"Ann"}']);
    await kit.advance(29_999);
    expect(kit.logs).toHaveLength(1);
    await kit.advance(1);
    expect(kit.logs).toEqual(['200 {"name":"Ann"}', 'later']);
    expect(kit.terminated).toBe(true);
    expect(kit.eventNames().filter((n) => n.startsWith('Application.'))).toEqual([
      'Application.Started',
      'Application.Terminating',
      'Application.Terminated',
    ]);
  });

  it('runs a typical simulated-call test in milliseconds once the sandbox is warm', async () => {
    kit = await loadScenarioSource(`VoxEngine.addEventListener(AppEvents.CallAlerting, (e) => { e.call.answer(); e.call.say('hi'); });`);
    kit.close();
    const started = performance.now();
    kit = await loadScenarioSource(`VoxEngine.addEventListener(AppEvents.CallAlerting, (e) => { e.call.answer(); e.call.say('hi'); });`);
    const call = kit.incomingCall({ callerid: '1', destination: '2' });
    await kit.flush();
    await kit.advance(60_000);
    expect(call.said.map((s) => s.text)).toEqual(['hi']);
    // Not a timing assertion (benchmarks live in bench/): the figure is printed for the record.
    console.log(`warm kit test: ${(performance.now() - started).toFixed(1)} ms`);
  });
});

import { describe, expect, it } from 'vitest';
import { SessionHarness } from './session-harness.js';

describe('Session AppEvents and lifecycle', () => {
  it('delivers Started first, once, with sessionId, accessURL and the start custom data', async () => {
    const h = new SessionHarness();
    h.session.start({ customData: '{"to":"+1555"}' });
    h.session.start();
    await h.settle();
    expect(h.delivered).toEqual([
      {
        type: 'app',
        event: 'Application.Started',
        payload: {
          sessionId: 's1',
          accessURL: 'http://127.0.0.1:8080/sessions/s1',
          accessSecureURL: 'http://127.0.0.1:8080/sessions/s1',
          logURL: '',
          customData: '{"to":"+1555"}',
        },
      },
    ]);
  });

  it('announces an incoming call: Started, call.added with the mirror, then CallAlerting with every field', async () => {
    const h = new SessionHarness();
    const id = h.incoming({ 'X-Campaign': '7' });
    await h.settle();
    expect(h.names()).toEqual(['Application.Started', 'call.added', 'Application.CallAlerting']);
    expect(h.delivered[1]).toEqual({
      type: 'call.added',
      mirror: {
        id,
        state: 'ALERTING',
        incoming: true,
        callerid: '+15550100',
        displayName: 'Alice',
        number: '100',
        clientType: 'sip',
        customData: 'cd',
        headers: { 'X-Campaign': '7' },
      },
    });
    expect(h.delivered[2]).toEqual({
      type: 'app',
      event: 'Application.CallAlerting',
      payload: {
        call: id,
        callerid: '+15550100',
        destination: '100',
        displayName: 'Alice',
        fromURI: 'sip:+15550100@10.0.0.1',
        toURI: 'sip:100@10.0.0.2',
        headers: { 'X-Campaign': '7' },
        customData: 'cd',
        scheme: '',
      },
    });
  });

  it('routes call methods to the call and delivers its events', async () => {
    const h = new SessionHarness();
    const id = h.incoming();
    h.command({ op: 'call.method', callId: id, method: 'answer', args: [{}] });
    await h.settle();
    expect(h.names().slice(3)).toEqual(['Call.Connected', 'Call.StateChanged', 'Call.FirstAudioPacketReceived']);
    expect(h.delivered[3]).toMatchObject({ type: 'call', callId: id, mirror: { state: 'CONNECTED' } });
  });

  it('ends 60 s after its last call ended: Terminating, then Terminated', async () => {
    const h = new SessionHarness({ limits: { terminatingGraceMs: 0 } });
    const id = h.incoming();
    h.command({ op: 'call.method', callId: id, method: 'reject', args: [603, {}] });
    await h.advance(59_999);
    expect(h.names()).not.toContain('Application.Terminating');
    await h.advance(1);
    expect(h.names().slice(-2)).toEqual(['Application.Terminating', 'Application.Terminated']);
    expect(h.session.state).toBe('terminated');
    expect(h.end).toEqual({ kind: 'terminated', by: 'idle' });
    expect(h.records).toHaveLength(1);
    expect(h.records[0]).toMatchObject({ sessionId: 's1', direction: 'incoming', hangupReason: 'rejected', sipCode: 603 });
  });

  it('a new call within the 60 s keeps the session alive', async () => {
    const h = new SessionHarness();
    const first = h.incoming();
    h.command({ op: 'call.method', callId: first, method: 'reject', args: [486, {}] });
    await h.advance(30_000);
    h.command({ op: 'call.create', callId: 'out-1', kind: 'sip', to: 'sip:bob@example.com', params: {} });
    await h.advance(45_000);
    expect(h.session.state).toBe('running');
  });

  it('a session started without calls ends after 60 s too', async () => {
    const h = new SessionHarness({ limits: { terminatingGraceMs: 0 } });
    h.session.start();
    await h.advance(60_000);
    expect(h.session.state).toBe('terminated');
  });

  it('terminate(): calls are hung up silently, only Terminating and Terminated follow, timers stop', async () => {
    const h = new SessionHarness();
    const id = h.incoming();
    h.command({ op: 'call.method', callId: id, method: 'answer', args: [{}] });
    await h.settle();
    h.command({ op: 'timer.set', timerId: 1, delayMs: 1000, repeat: true });
    h.command({ op: 'terminate' });
    h.command({ op: 'timer.set', timerId: 2, delayMs: 10, repeat: false });
    h.command({ op: 'call.method', callId: id, method: 'say', args: ['late', {}] });
    const before = h.delivered.length;
    await h.advance(5_000);
    expect(h.names().slice(before)).toEqual(['Application.Terminating', 'Application.Terminated']);
    expect(h.legs.get(id)!.actions.map((a) => a.op)).toEqual(['answer', 'hangup']);
    expect(h.session.activeTimers).toBe(0);
    expect(h.clock.pendingTimers).toBe(0);
    expect(h.end).toEqual({ kind: 'terminated', by: 'scenario' });
    expect(h.records[0]).toMatchObject({ hangupBy: 'local', hangupReason: 'normal' });
  });

  it('Terminated waits for the one HTTP request the Terminating handler may make', async () => {
    let release!: () => void;
    const h = new SessionHarness({
      requester: {
        request: () => new Promise((resolve) => (release = () => resolve({ status: 200, headers: [], body: Buffer.from('ok') }))),
      },
    });
    h.session.start();
    h.command({ op: 'terminate' });
    h.command({ op: 'http.request', requestId: 1, url: 'http://example.com/bye', options: {} });
    h.command({ op: 'http.request', requestId: 2, url: 'http://example.com/again', options: {} });
    await h.advance(1_000);
    expect(h.session.state).toBe('terminating');
    release();
    await h.advance(0);
    expect(h.names().slice(-3)).toEqual(['Application.Terminating', 'http.result', 'Application.Terminated']);
    expect(h.delivered.filter((e) => e.type === 'http.result')).toHaveLength(1);
  });

  it('a request made before terminate() finishes unseen and does not hold Terminated back', async () => {
    const h = new SessionHarness({ limits: { terminatingGraceMs: 0 }, requester: { request: () => new Promise<never>(() => undefined) } });
    h.session.start();
    await h.settle();
    h.command({ op: 'http.request', requestId: 1, url: 'http://example.com/slow', options: {} });
    h.command({ op: 'terminate' });
    await h.advance(0);
    expect(h.session.state).toBe('terminated');
    expect(h.names()).toEqual(['Application.Started', 'Application.Terminating', 'Application.Terminated']);
  });

  it('a scenario failure hangs up every call, records it as a scenario error and logs the author position', async () => {
    const h = new SessionHarness();
    const id = h.incoming();
    h.command({ op: 'call.method', callId: id, method: 'answer', args: [{}] });
    h.command({ op: 'call.create', callId: 'out-1', kind: 'pstn', to: '+15550199', callerid: '+15550100', params: {} });
    await h.settle();
    const before = h.delivered.length;
    h.session.fail({ message: 'TypeError: x is not a function', file: 'ivr.ts', line: 12, column: 5 });
    await h.settle();
    expect(h.delivered.length).toBe(before);
    expect(h.legs.get(id)!.actions.at(-1)).toEqual({ op: 'hangup', headers: {} });
    expect(h.legs.get('out-1')!.actions.at(-1)).toEqual({ op: 'hangup', headers: {} });
    expect(h.records.map((r) => r.hangupReason)).toEqual(['scenario_error', 'scenario_error']);
    expect(h.end).toMatchObject({ kind: 'failed', file: 'ivr.ts', line: 12, column: 5 });
    expect(h.session.log.lines.some((l) => l.level === 'error' && l.text.includes('ivr.ts:12:5'))).toBe(true);
  });

  it('keeps Logger.write lines and custom data', () => {
    const h = new SessionHarness();
    h.command({ op: 'log', text: 'hello' });
    h.command({ op: 'session.customData', value: 'abc' });
    expect(h.session.log.lines.filter((l) => l.source === 'scenario').map((l) => l.text)).toEqual(['hello']);
    expect(h.session.customData).toBe('abc');
    expect(() => h.command({ op: 'session.customData', value: 'x'.repeat(201) })).toThrow(/at most 200 bytes/);
  });

  it('delivers AppEvents.HttpRequest', async () => {
    const h = new SessionHarness();
    h.session.start();
    h.session.deliverHttpRequest({ method: 'POST', path: '/x', content: '{}', headers: [{ key: 'X-A', value: '1' }] });
    await h.settle();
    expect(h.delivered[1]).toEqual({
      type: 'app',
      event: 'Application.HttpRequest',
      payload: { method: 'POST', path: '/x', content: '{}', headers: [{ key: 'X-A', value: '1' }] },
    });
  });
});

describe('Session after its end', () => {
  it('refuses new calls once terminating and ignores late commands', async () => {
    const h = new SessionHarness({ limits: { terminatingGraceMs: 0 } });
    h.session.start();
    h.session.terminate('api');
    expect(() => h.incoming()).toThrow(/session s1 is terminating/);
    await h.advance(0);
    expect(h.session.state).toBe('terminated');
    h.command({ op: 'log', text: 'late' });
    h.command({ op: 'timer.set', timerId: 1, delayMs: 1, repeat: false });
    expect(h.session.activeTimers).toBe(0);
    h.session.close();
    expect(h.end).toEqual({ kind: 'terminated', by: 'api' });
  });
});

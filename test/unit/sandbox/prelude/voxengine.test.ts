import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { PreludeHarness } from './prelude-harness.js';

describe('VoxEngine', () => {
  let h: PreludeHarness;
  beforeEach(() => {
    h = new PreludeHarness();
  });
  afterEach(() => h.dispose());

  it('delivers AppEvents.Started and CallAlerting with VoxEngine payload fields', () => {
    h.run(`
      globalThis.events = [];
      VoxEngine.addEventListener(AppEvents.Started, (e) => events.push(e));
      VoxEngine.addEventListener(AppEvents.CallAlerting, (e) => events.push({ ...e, call: e.call instanceof Call ? e.call.id() : 'not a call' }));`);
    h.deliver({ type: 'app', event: 'Application.Started', payload: { sessionId: 'sess-1', accessURL: 'http://127.0.0.1/s/1' } });
    h.alert({}, { fromURI: 'sip:+15550100@example.org', toURI: 'sip:+15550199@127.0.0.1', customData: '' });
    expect(h.value('events')).toEqual([
      { sessionId: 'sess-1', accessURL: 'http://127.0.0.1/s/1', name: 'Application.Started' },
      {
        call: 'in-1', name: 'Application.CallAlerting', callerid: '+15550100', destination: '+15550199', displayName: 'Alice',
        fromURI: 'sip:+15550100@example.org', toURI: 'sip:+15550199@127.0.0.1', customData: '', headers: {},
      },
    ]);
  });

  it('also accepts the alerting call named by callId', () => {
    h.run(`VoxEngine.addEventListener(AppEvents.CallAlerting, (e) => { globalThis.got = [e.call.id(), 'callId' in e]; });`);
    h.deliver({ type: 'call.added', mirror: { id: 'c9', state: 'ALERTING', incoming: true, callerid: '1', displayName: '', number: '2', clientType: 'sip', customData: '', headers: {} } });
    h.deliver({ type: 'app', event: 'Application.CallAlerting', payload: { callId: 'c9' } });
    expect(h.value('got')).toEqual(['c9', false]);
  });

  it('takes the session custom data from the Started payload', () => {
    h.run(`VoxEngine.addEventListener(AppEvents.Started, (e) => { globalThis.got = [VoxEngine.customData(), 'customData' in e]; });`);
    h.deliver({ type: 'app', event: 'Application.Started', payload: { sessionId: 's', accessURL: '', customData: '{"to":"+1555"}' } });
    expect(h.value('got')).toEqual(['{"to":"+1555"}', false]);
  });

  it('callSIP returns a progressing outgoing Call at once and sends call.create', () => {
    h.run(`globalThis.c = VoxEngine.callSIP('sip:bob@127.0.0.1:5070', { callerid: '+15550100', displayName: 'IVR', headers: { 'X-Id': '7' } });`);
    expect(h.take()).toEqual([{
      op: 'call.create', callId: 'guest-call-1', kind: 'sip', to: 'sip:bob@127.0.0.1:5070', callerid: '+15550100',
      params: { callerid: '+15550100', displayName: 'IVR', headers: { 'X-Id': '7' } },
    }]);
    expect(h.value('[c.id(), c.state(), c.incoming(), c.number(), c.callerid(), c.displayName(), c.clientType()]'))
      .toEqual(['guest-call-1', 'PROGRESSING', false, 'sip:bob@127.0.0.1:5070', '+15550100', 'IVR', 'sip']);
  });

  it("callSIP accepts VoxEngine's positional form", () => {
    h.run(`VoxEngine.callSIP('sip:bob@h', '+1555', 'Me', 'secret', 'user', {'X-A': '1'});`);
    expect(h.take()).toEqual([{
      op: 'call.create', callId: 'guest-call-1', kind: 'sip', to: 'sip:bob@h', callerid: '+1555',
      params: { callerid: '+1555', displayName: 'Me', password: 'secret', authUser: 'user', headers: { 'X-A': '1' } },
    }]);
  });

  it('callPSTN sends the number and caller id', () => {
    h.run(`globalThis.c = VoxEngine.callPSTN('+15550123', '+15550100');`);
    expect(h.take()).toEqual([{ op: 'call.create', callId: 'guest-call-1', kind: 'pstn', to: '+15550123', callerid: '+15550100', params: {} }]);
    expect(h.value('c.clientType()')).toBe('pstn');
  });

  it('events of a placed call reach its listeners', () => {
    h.run(`globalThis.c = VoxEngine.callSIP('sip:b@h'); c.addEventListener(CallEvents.Failed, (e) => { globalThis.failed = [e.code, e.reason, e.id]; });`);
    h.deliver({ type: 'call', callId: 'guest-call-1', event: 'Call.Failed', payload: { code: 486, reason: 'Busy Here' }, mirror: { state: 'TERMINATED' } });
    expect(h.value('failed')).toEqual([486, 'Busy Here', 'guest-call-1']);
  });

  it('limits a session to 50 call attempts', () => {
    h.run(`for (let i = 0; i < 50; i++) VoxEngine.callSIP('sip:b@h');`);
    expect(() => h.run(`VoxEngine.callPSTN('+1', '+2')`)).toThrow("VoxEngine.callPSTN: the session already made 50 call attempts, VoxEngine's limit");
  });

  it.each([
    ['VoxEngine.callSIP(5)', 'VoxEngine.callSIP: to must be a string'],
    ["VoxEngine.callSIP('sip:a@b', { headers: 'x' })", 'VoxEngine.callSIP: parameters.headers must be an object'],
    ["VoxEngine.callPSTN('+1')", 'VoxEngine.callPSTN: callerid must be a string'],
    ["VoxEngine.customData('x'.repeat(201))", 'VoxEngine.customData: customData must be at most 200 bytes'],
    ["VoxEngine.customData('é'.repeat(101))", 'VoxEngine.customData: customData must be at most 200 bytes'],
    ['VoxEngine.sendMediaBetween({}, {})', 'VoxEngine.sendMediaBetween: mediaUnit1 must be a Call, Player or Recorder'],
    ["VoxEngine.addEventListener(AppEvents.Started, 'nope')", 'VoxEngine.addEventListener: callback for Application.Started must be a function'],
    ['VoxEngine.addEventListener(1, () => {})', 'VoxEngine.addEventListener: event must be a string'],
  ])('%s throws an error naming the argument', (code, message) => {
    expect(() => h.run(code)).toThrow(message);
  });

  it('customData sets and reads the session custom data', () => {
    h.run(`VoxEngine.customData('campaign=7');`);
    expect(h.value('VoxEngine.customData()')).toBe('campaign=7');
    expect(h.take()).toEqual([{ op: 'session.customData', value: 'campaign=7' }]);
  });

  it('sendMediaBetween and stopMediaBetween join both directions', () => {
    h.run(`const a = VoxEngine.callSIP('sip:a@h'); const b = VoxEngine.callSIP('sip:b@h'); VoxEngine.sendMediaBetween(a, b); VoxEngine.stopMediaBetween(a, b);`);
    const a = { kind: 'call', id: 'guest-call-1' };
    const b = { kind: 'call', id: 'guest-call-2' };
    expect(h.take().slice(2)).toEqual([
      { op: 'media.send', from: a, to: b }, { op: 'media.send', from: b, to: a },
      { op: 'media.stop', from: a, to: b }, { op: 'media.stop', from: b, to: a },
    ]);
  });

  it('terminate sends one terminate command, after which only Terminating and Terminated are delivered', () => {
    h.run(`
      globalThis.got = [];
      VoxEngine.addEventListener(AppEvents.Terminating, (e) => got.push(e.name));
      VoxEngine.addEventListener(AppEvents.Terminated, (e) => got.push(e.name));
      VoxEngine.addEventListener(AppEvents.CallAlerting, (e) => got.push(e.name));
      setTimeout(() => got.push('timer'), 10);
      VoxEngine.terminate(); VoxEngine.terminate();`);
    expect(h.take().filter((c) => c.op === 'terminate')).toHaveLength(1);
    h.alert();
    h.deliver({ type: 'timer', timerId: 1 });
    h.deliver({ type: 'app', event: 'Application.Terminating', payload: {} });
    h.deliver({ type: 'app', event: 'Application.Terminated', payload: {} });
    expect(h.value('got')).toEqual(['Application.Terminating', 'Application.Terminated']);
  });

  it('removeEventListener stops AppEvents delivery', () => {
    h.run(`globalThis.n = 0; const f = () => n++; VoxEngine.addEventListener(AppEvents.HttpRequest, f); VoxEngine.removeEventListener(AppEvents.HttpRequest, f);`);
    h.deliver({ type: 'app', event: 'Application.HttpRequest', payload: { method: 'POST', path: '/x', content: '', headers: [] } });
    expect(h.value('n')).toBe(0);
  });
});

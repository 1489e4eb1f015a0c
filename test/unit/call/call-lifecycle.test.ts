import { describe, expect, it } from 'vitest';
import { CallHarness } from './call-harness.js';

describe('Call lifecycle (incoming)', () => {
  it('starts ALERTING and answer() connects it: Connected carries the mirror update, then StateChanged', async () => {
    const h = new CallHarness('incoming');
    expect(h.call.state).toBe('ALERTING');
    h.call.answer({ 'X-Answer': '1' });
    expect(h.leg.actions[0]).toEqual({ op: 'answer', headers: { 'X-Answer': '1' } });
    await h.settle();
    expect(h.names()).toEqual(['Call.Connected', 'Call.StateChanged', 'Call.FirstAudioPacketReceived']);
    expect(h.event('Call.Connected')).toMatchObject({ payload: { customData: '', headers: {}, scheme: {} }, mirror: { state: 'CONNECTED' } });
    expect(h.event('Call.StateChanged')?.payload).toEqual({ oldState: 'ALERTING', newState: 'CONNECTED' });
    expect(h.call.state).toBe('CONNECTED');
  });

  it('reject() fires Disconnected at once with the code, then StateChanged, and ends the call', () => {
    const h = new CallHarness('incoming');
    h.call.reject(486, { 'X-Why': 'busy' });
    expect(h.leg.actions).toEqual([{ op: 'reject', code: 486, headers: { 'X-Why': 'busy' } }]);
    expect(h.names()).toEqual(['Call.Disconnected', 'Call.StateChanged']);
    expect(h.event('Call.Disconnected')?.payload).toEqual({
      headers: {},
      internalCode: 486,
      reason: 'Busy Here',
      duration: 0,
      cost: 0,
      direction: 'incoming',
    });
    expect(h.event('Call.Disconnected')?.mirror).toEqual({ state: 'TERMINATED' });
    expect(h.ended).toBe(1);
    expect(h.leg.isClosed).toBe(true);
  });

  it('hangup() of a connected call fires Disconnected with the call duration', async () => {
    const h = new CallHarness('incoming');
    await h.connect();
    await h.advance(12_000);
    h.call.hangup({ 'X-Bye': '1' });
    expect(h.leg.actions.at(-1)).toEqual({ op: 'hangup', headers: { 'X-Bye': '1' } });
    expect(h.names()).toEqual(['Call.Disconnected', 'Call.StateChanged']);
    expect(h.event('Call.Disconnected')?.payload).toMatchObject({ internalCode: 200, duration: 12 });
    expect(h.call.buildRecord('s1')).toMatchObject({ hangupBy: 'local', hangupReason: 'normal', durationSeconds: 12, status: 'hangup' });
  });

  it('hangup() of an unanswered incoming call declines it with 603', () => {
    const h = new CallHarness('incoming');
    h.call.hangup({});
    expect(h.leg.actions).toEqual([{ op: 'reject', code: 603, headers: {} }]);
    expect(h.event('Call.Disconnected')?.payload).toMatchObject({ internalCode: 603, reason: 'Decline' });
  });

  it('hangup() right after answer() sends BYE, not a final response', () => {
    const h = new CallHarness('incoming');
    h.call.answer({});
    h.call.hangup({});
    expect(h.leg.actions.map((a) => a.op)).toEqual(['answer', 'hangup']);
    expect(h.event('Call.Disconnected')?.payload).toMatchObject({ internalCode: 200 });
  });

  it('a remote BYE fires Disconnected with the headers received', async () => {
    const h = new CallHarness('incoming');
    await h.connect();
    h.leg.remoteHangup({ 'X-Reason': 'done' });
    await h.settle();
    expect(h.names()).toEqual(['Call.Disconnected', 'Call.StateChanged']);
    expect(h.event('Call.Disconnected')?.payload).toMatchObject({ headers: { 'X-Reason': 'done' }, internalCode: 200 });
    expect(h.call.buildRecord('s1').hangupBy).toBe('remote');
  });

  it('the caller cancelling before the answer ends the call with Disconnected 487', async () => {
    const h = new CallHarness('incoming');
    h.leg.remoteFail(487, 'Request Terminated');
    await h.settle();
    expect(h.event('Call.Disconnected')?.payload).toMatchObject({ internalCode: 487, reason: 'Request Terminated' });
    expect(h.call.buildRecord('s1').hangupReason).toBe('cancel');
  });

  it('an incoming call not answered in 60 s fails with 408', async () => {
    const h = new CallHarness('incoming');
    await h.advance(59_999);
    expect(h.call.state).toBe('ALERTING');
    await h.advance(1);
    expect(h.leg.actions).toEqual([{ op: 'reject', code: 408, headers: {} }]);
    expect(h.event('Call.Disconnected')?.payload).toMatchObject({ internalCode: 408, reason: 'Request Timeout' });
    expect(h.call.buildRecord('s1').hangupReason).toBe('noanswer');
  });

  it('early media moves the call to PROGRESSING and lasts at most 60 s', async () => {
    const h = new CallHarness('incoming', { limits: { incomingAnswerTimeoutMs: 120_000 } });
    await h.advance(10_000);
    h.call.startEarlyMedia({});
    expect(h.call.state).toBe('PROGRESSING');
    expect(h.event('Call.StateChanged')).toMatchObject({ payload: { oldState: 'ALERTING', newState: 'PROGRESSING' }, mirror: { state: 'PROGRESSING' } });
    await h.advance(59_999);
    expect(h.call.state).toBe('PROGRESSING');
    await h.advance(1);
    expect(h.call.state).toBe('TERMINATED');
    expect(h.event('Call.Disconnected')?.payload).toMatchObject({ internalCode: 408 });
  });

  it('answering in time clears the 60 s limit', async () => {
    const h = new CallHarness('incoming');
    await h.advance(30_000);
    await h.connect();
    await h.advance(120_000);
    expect(h.call.state).toBe('CONNECTED');
  });

  it('ignores answer() on a terminated call and a second answer()', async () => {
    const h = new CallHarness('incoming');
    h.call.answer({});
    h.call.answer({});
    await h.settle();
    expect(h.leg.actions.filter((a) => a.op === 'answer')).toHaveLength(1);
    h.call.hangup({});
    h.call.answer({});
    expect(h.leg.actions.filter((a) => a.op === 'answer')).toHaveLength(1);
  });

  it('ring() sends 180 on an incoming call only', () => {
    const h = new CallHarness('incoming');
    h.call.ring({ 'X-R': '1' });
    expect(h.leg.actions).toEqual([{ op: 'ring', headers: { 'X-R': '1' } }]);
    const out = new CallHarness('outgoing');
    out.call.ring({});
    expect(out.leg.actions).toEqual([]);
  });
});

describe('Call lifecycle (outgoing)', () => {
  it('starts PROGRESSING; Ringing, then AudioStarted on 183, then Connected on answer', async () => {
    const h = new CallHarness('outgoing');
    expect(h.call.state).toBe('PROGRESSING');
    h.leg.remoteRinging({ 'X-Ring': '1' });
    h.leg.remoteEarlyMedia({ 'X-Early': '1' });
    h.leg.remoteAnswer({ 'X-Ok': '1' }, 'from-peer');
    await h.settle();
    expect(h.names()).toEqual(['Call.Ringing', 'Call.AudioStarted', 'Call.Connected', 'Call.StateChanged', 'Call.FirstAudioPacketReceived']);
    expect(h.event('Call.Ringing')?.payload).toEqual({ headers: { 'X-Ring': '1' } });
    expect(h.event('Call.AudioStarted')?.payload).toEqual({ headers: { 'X-Early': '1' } });
    expect(h.event('Call.Connected')).toMatchObject({ payload: { customData: 'from-peer', headers: { 'X-Ok': '1' } }, mirror: { customData: 'from-peer' } });
  });

  it('an answer without 183 still fires AudioStarted, after Connected', async () => {
    const h = new CallHarness('outgoing');
    h.leg.remoteAnswer();
    await h.settle();
    expect(h.names().slice(0, 2)).toEqual(['Call.Connected', 'Call.AudioStarted']);
  });

  it.each([
    [486, 'Busy Here', 'busy'],
    [603, 'Decline', 'rejected'],
    [404, 'Not Found', 'failed'],
    [480, 'Temporarily Unavailable', 'failed'],
  ])('a final %i fires Failed with code and reason', async (code, reason, hangupReason) => {
    const h = new CallHarness('outgoing');
    h.leg.remoteFail(code, reason, { 'X-F': '1' });
    await h.settle();
    expect(h.names()).toEqual(['Call.Failed', 'Call.StateChanged']);
    expect(h.event('Call.Failed')?.payload).toEqual({ headers: { 'X-F': '1' }, code, reason });
    expect(h.call.buildRecord('s1')).toMatchObject({ sipCode: code, hangupReason, hangupBy: 'remote', answeredAt: null });
  });

  it('hangup() before the answer cancels: Failed 487', () => {
    const h = new CallHarness('outgoing');
    h.call.hangup({});
    expect(h.leg.actions).toEqual([{ op: 'hangup', headers: {} }]);
    expect(h.event('Call.Failed')?.payload).toMatchObject({ code: 487, reason: 'Request Terminated' });
  });

  it('no answer within the timeout (default 60 s) fails with 408 and cancels the leg', async () => {
    const h = new CallHarness('outgoing');
    h.leg.remoteRinging();
    await h.advance(60_000);
    expect(h.leg.actions).toEqual([{ op: 'hangup', headers: {} }]);
    expect(h.event('Call.Failed')?.payload).toMatchObject({ code: 408 });
    expect(h.call.buildRecord('s1').hangupReason).toBe('timeout');
  });

  it('honours a shorter answer timeout', async () => {
    const h = new CallHarness('outgoing', { answerTimeoutMs: 15_000 });
    await h.advance(15_000);
    expect(h.call.state).toBe('TERMINATED');
  });

  it('forceEnd() ends the call silently (session going away) and still produces a record', async () => {
    const h = new CallHarness('outgoing');
    h.call.forceEnd('scenario_error');
    expect(h.events).toEqual([]);
    expect(h.call.state).toBe('TERMINATED');
    expect(h.call.buildRecord('s1').hangupReason).toBe('scenario_error');
    h.call.close();
    h.call.close();
    expect(h.clock.pendingTimers).toBe(0);
  });
});

import { describe, expect, it } from 'vitest';
import { ScenarioArgumentError, ScenarioLimitError } from '../../../engine/call/scenario-arguments.js';
import { SessionHarness } from './session-harness.js';

describe('Session limits and command checks', () => {
  it('runs timers on the clock; intervals under 100 ms are raised to 100 ms', async () => {
    const h = new SessionHarness();
    h.command({ op: 'timer.set', timerId: 1, delayMs: 250, repeat: false });
    h.command({ op: 'timer.set', timerId: 2, delayMs: 10, repeat: true });
    await h.advance(300);
    const fired = h.delivered.flatMap((e) => (e.type === 'timer' ? [e.timerId] : []));
    expect(fired).toEqual([2, 2, 1, 2]);
    h.command({ op: 'timer.clear', timerId: 2 });
    await h.advance(1000);
    expect(h.delivered.filter((e) => e.type === 'timer')).toHaveLength(4);
    expect(h.clock.pendingTimers).toBe(0);
  });

  it('allows 100 active timers and refuses the 101st', () => {
    const h = new SessionHarness();
    for (let id = 1; id <= 100; id++) h.command({ op: 'timer.set', timerId: id, delayMs: 1000, repeat: false });
    expect(() => h.command({ op: 'timer.set', timerId: 101, delayMs: 1000, repeat: false })).toThrow(ScenarioLimitError);
    h.command({ op: 'timer.clear', timerId: 1 });
    h.command({ op: 'timer.set', timerId: 101, delayMs: 1000, repeat: false });
    expect(h.session.activeTimers).toBe(100);
  });

  it('refuses a timer id in use and a non-numeric delay', () => {
    const h = new SessionHarness();
    h.command({ op: 'timer.set', timerId: 1, delayMs: 1000, repeat: false });
    expect(() => h.command({ op: 'timer.set', timerId: 1, delayMs: 5, repeat: false })).toThrow(/'timerId' 1 is already in use/);
    expect(() => h.command({ op: 'timer.set', timerId: 2, delayMs: 'soon' as never, repeat: false })).toThrow(/'timeout' must be a number/);
  });

  it('allows 50 call attempts per session', () => {
    const h = new SessionHarness();
    for (let i = 0; i < 50; i++) h.command({ op: 'call.create', callId: `c${i}`, kind: 'sip', to: 'sip:bob@example.com', params: {} });
    expect(() => h.command({ op: 'call.create', callId: 'c50', kind: 'sip', to: 'sip:bob@example.com', params: {} })).toThrow(
      /at most 50 call attempts/,
    );
  });

  it('dials with caller id, display name and headers; VI-CallTimeout sets the answer timeout and is not sent', async () => {
    const h = new SessionHarness();
    h.command({
      op: 'call.create',
      callId: 'c1',
      kind: 'sip',
      to: 'sip:bob@example.com',
      params: { callerid: '+15550100', displayName: 'Bot', headers: { 'X-Campaign': '9', 'VI-CallTimeout': '15' }, authUser: 'u' },
    });
    expect(h.dialed[0]!.request).toEqual({
      callId: 'c1',
      kind: 'sip',
      to: 'sip:bob@example.com',
      callerid: '+15550100',
      displayName: 'Bot',
      headers: { 'X-Campaign': '9' },
      params: { authUser: 'u' },
    });
    await h.advance(14_999);
    expect(h.session.call('c1')!.state).toBe('PROGRESSING');
    await h.advance(1);
    expect(h.delivered.find((e) => e.type === 'call' && e.event === 'Call.Failed')).toMatchObject({ payload: { code: 408 } });
  });

  it.each([['5'], ['401'], ['soon']])('refuses VI-CallTimeout %s (10 to 400 s)', (value) => {
    const h = new SessionHarness();
    expect(() =>
      h.command({ op: 'call.create', callId: 'c1', kind: 'sip', to: 'sip:b@x', params: { headers: { 'VI-CallTimeout': value } } }),
    ).toThrow(/VoxEngine\.callSIP: argument 'parameters\.headers\['VI-CallTimeout'\]'/);
  });

  it('checks ownership: a call id that is not this session\'s is a scenario error', () => {
    const h = new SessionHarness();
    expect(() => h.command({ op: 'call.method', callId: 'someone-else', method: 'answer', args: [] })).toThrow(
      /Call: argument 'callId' "someone-else" is not a call of this session/,
    );
    h.command({ op: 'call.create', callId: 'c1', kind: 'pstn', to: '+1555', callerid: '+1666', params: {} });
    expect(() => h.command({ op: 'call.create', callId: 'c1', kind: 'pstn', to: '+1555', callerid: '+1666', params: {} })).toThrow(
      /already in use/,
    );
  });

  it('refuses malformed commands', () => {
    const h = new SessionHarness();
    expect(() => h.command({ op: 'explode' } as never)).toThrow(ScenarioArgumentError);
    expect(() => h.command(null as never)).toThrow(/must be an object with a string op/);
    expect(() => h.command({ op: 'call.create', callId: 'c 1', kind: 'sip', to: 'x', params: {} })).toThrow(/'callId' is not a valid call id/);
    expect(() => h.command({ op: 'call.create', callId: 'c2', kind: 'sip', to: '  ', params: {} })).toThrow(/'to' must not be empty/);
    expect(() => h.command({ op: 'log', text: 5 as never })).toThrow(/Logger\.write: argument 'message' must be a string/);
  });

  it('allows 10 players at a time', () => {
    const h = new SessionHarness();
    for (let i = 0; i < 10; i++) h.command({ op: 'unit.create', unitId: `p${i}`, kind: 'tts', params: { text: 'hi' } });
    expect(() => h.command({ op: 'unit.create', unitId: 'p10', kind: 'tts', params: { text: 'hi' } })).toThrow(/at most 10 players/);
    h.command({ op: 'unit.method', unitId: 'p0', method: 'stop', args: [] });
    h.command({ op: 'unit.create', unitId: 'p10', kind: 'url', params: { url: 'http://example.com/a.mp3' } });
  });

  it('say text over 1500 characters ends with PlaybackFinished carrying an error', async () => {
    const h = new SessionHarness();
    const id = h.incoming();
    h.command({ op: 'call.method', callId: id, method: 'answer', args: [] });
    await h.settle();
    h.command({ op: 'call.method', callId: id, method: 'say', args: ['a'.repeat(1501), {}] });
    await h.settle();
    expect(h.delivered.at(-1)).toMatchObject({ type: 'call', event: 'Call.PlaybackFinished', payload: { error: expect.stringMatching(/1500/) } });
  });

  it('ends a session at its maximum duration', async () => {
    const h = new SessionHarness({ limits: { maxSessionMs: 3_600_000, idleTerminateMs: 10_000_000, terminatingGraceMs: 0 } });
    h.session.start();
    await h.advance(3_600_000);
    expect(h.end).toEqual({ kind: 'terminated', by: 'maxDuration' });
  });
});

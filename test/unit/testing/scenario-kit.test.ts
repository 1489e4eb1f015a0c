import { afterEach, describe, expect, it } from 'vitest';
import { loadScenarioSource, type ScenarioKit } from '../../../engine/testing/index.js';

const greeter = `
VoxEngine.addEventListener(AppEvents.CallAlerting, (e) => {
  const call = e.call;
  Logger.write('alerting from ' + e.callerid + ' to ' + e.destination + ' X-Tag=' + e.headers['X-Tag']);
  call.addEventListener(CallEvents.Connected, () => {
    call.say('Hello, press 1 for sales', { progressivePlayback: true });
    call.handleTones(true);
  });
  call.addEventListener(CallEvents.ToneReceived, (t) => {
    Logger.write('tone ' + t.tone + ' type ' + t.type);
    call.hangup();
  });
  call.addEventListener(CallEvents.Disconnected, () => VoxEngine.terminate());
  call.answer();
});
`;

describe('the scenario kit', () => {
  let kit: ScenarioKit | undefined;
  afterEach(() => kit?.close());

  it('drives an incoming call through answer, say, a digit and hangup', async () => {
    kit = await loadScenarioSource(greeter);
    const call = kit.incomingCall({ callerid: '+15550100', destination: '100', headers: { 'X-Tag': 'a' } });
    await kit.flush();
    expect(call.answered).toBe(true);
    expect(call.state).toBe('CONNECTED');
    expect(call.said[0]?.text).toMatch(/press 1/);
    call.pressDigit('1', 'rfc2833');
    await kit.flush();
    expect(call.hungUp).toEqual({});
    expect(kit.logs).toEqual(['alerting from +15550100 to 100 X-Tag=a', 'tone 1 type 1']);
    await kit.advance(0);
    expect(kit.terminated).toBe(true);
    expect(kit.eventNames()).toEqual([
      'Application.Started',
      'Application.CallAlerting',
      'Call.Connected',
      'Call.StateChanged',
      'Call.FirstAudioPacketReceived',
      'Call.PlaybackReady',
      'Call.PlaybackStarted',
      'Call.ToneReceived',
      'Call.Disconnected',
      // The Disconnected handler called VoxEngine.terminate(): the StateChanged after it is not delivered.
      'Application.Terminating',
      'Application.Terminated',
    ]);
    expect(kit.records).toHaveLength(1);
    expect(kit.records[0]).toMatchObject({ direction: 'incoming', hangupBy: 'local', hangupReason: 'normal', sipCode: 200 });
  });
});

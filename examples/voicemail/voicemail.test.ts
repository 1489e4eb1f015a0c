import { afterEach, describe, expect, it } from 'vitest';
import { loadScenario, type ScenarioKit } from '../../engine/testing/index.js';

const HOOK = 'http://hooks.example.org/voicemail';

describe('voicemail example', () => {
  let kit: ScenarioKit;
  afterEach(() => kit?.close());

  /** A caller who heard the greeting and the beep, and is now being recorded. */
  async function recordingCaller(customData?: string) {
    kit = await loadScenario('examples/voicemail/voicemail.scenario.ts', { customData });
    kit.http.on(HOOK, { status: 204 });
    const caller = kit.incomingCall({ callerid: '+15550100', destination: '200' });
    await kit.flush();
    caller.finishPlayback();
    await kit.flush();
    await kit.advance(3000); // the beep's virtual duration
    return caller;
  }

  it('answers and plays the greeting', async () => {
    kit = await loadScenario('examples/voicemail/voicemail.scenario.ts');
    const caller = kit.incomingCall({ callerid: '+15550100', destination: '200' });
    await kit.flush();
    expect(caller.answered).toBe(true);
    expect(caller.said).toEqual([{
      text: 'You have reached Alex. Please leave a message after the tone, and press pound when you are done.',
      options: { language: { provider: 'Google', name: 'en_US_Standard_C', language: 'en-US', gender: 'female' } },
    }]);
  });

  it('beeps with a tone-script player, then records the call and logs the recording URL', async () => {
    const caller = await recordingCaller();
    expect(kit.eventNames()).toEqual(expect.arrayContaining(['Player.Started', 'Player.PlaybackFinished', 'Call.RecordStarted']));
    expect(caller.recordings).toHaveLength(1);
    expect(caller.recordings[0]).toMatchObject({ stereo: false });
    expect(kit.logs).toEqual([expect.stringMatching(/^voicemail from \+15550100: simulated:\/\/recordings\//)]);
  });

  it('# ends the message; the recording is posted to the web hook named in the custom data', async () => {
    const caller = await recordingCaller(HOOK);
    caller.pressDigit('#');
    await kit.flush();
    await kit.flush();
    expect(caller.hungUp).toBeDefined();
    expect(kit.http.requests).toHaveLength(1);
    const request = kit.http.requests[0]!;
    expect(request).toMatchObject({ url: HOOK, method: 'POST' });
    expect(JSON.parse(request.body!)).toEqual({ from: '+15550100', url: expect.stringMatching(/^simulated:\/\/recordings\//) });
    expect(kit.terminated).toBe(true);
  });

  it('stops after two minutes', async () => {
    const caller = await recordingCaller();
    await kit.advance(119_000);
    expect(caller.hungUp).toBeUndefined();
    await kit.advance(1_000);
    expect(caller.hungUp).toBeDefined();
    expect(kit.terminated).toBe(true);
    expect(kit.http.requests).toEqual([]);
  });

  it('keeps the message when the caller simply hangs up', async () => {
    const caller = await recordingCaller(HOOK);
    caller.hangup();
    await kit.flush();
    await kit.flush();
    expect(kit.http.requests.map((r) => r.url)).toEqual([HOOK]);
    expect(kit.failure).toBeUndefined();
  });
});

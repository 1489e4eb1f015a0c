import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { PreludeHarness } from './prelude-harness.js';

describe('players and recorders', () => {
  let h: PreludeHarness;
  beforeEach(() => {
    h = new PreludeHarness();
  });
  afterEach(() => h.dispose());

  it('createTTSPlayer announces a tts unit with its text and voice', () => {
    h.run(`globalThis.p = VoxEngine.createTTSPlayer('Welcome', { language: VoiceList.Amazon.en_US_Joanna, progressivePlayback: true });`);
    expect(h.take()).toEqual([{
      op: 'unit.create', unitId: 'guest-player-1', kind: 'tts',
      params: { language: { provider: 'Amazon', name: 'en_US_Joanna', language: 'en-US', gender: 'female' }, progressivePlayback: true, text: 'Welcome' },
    }]);
    expect(h.value('p.id()')).toBe('guest-player-1');
  });

  it('createURLPlayer takes a URL or a request object', () => {
    h.run(`VoxEngine.createURLPlayer('http://127.0.0.1/a.mp3', { loop: true });
           VoxEngine.createURLPlayer({ url: 'http://127.0.0.1/b.wav', method: 'POST', headers: [{ name: 'X-K', value: '1' }], body: { text: '{}' } });`);
    expect(h.take()).toEqual([
      { op: 'unit.create', unitId: 'guest-player-1', kind: 'url', params: { loop: true, url: 'http://127.0.0.1/a.mp3' } },
      { op: 'unit.create', unitId: 'guest-player-2', kind: 'url', params: { url: 'http://127.0.0.1/b.wav', method: 'POST', headers: [{ name: 'X-K', value: '1' }], body: { text: '{}' } } },
    ]);
  });

  it('createToneScriptPlayer and createRecorder announce their units', () => {
    h.run(`VoxEngine.createToneScriptPlayer('440@-10;1(1/0/1)', { loop: false }); VoxEngine.createRecorder({ name: 'vm', stereo: true }); VoxEngine.createRecorder('named', true);`);
    expect(h.take()).toEqual([
      { op: 'unit.create', unitId: 'guest-player-1', kind: 'toneScript', params: { loop: false, script: '440@-10;1(1/0/1)' } },
      { op: 'unit.create', unitId: 'guest-recorder-2', kind: 'recorder', params: { name: 'vm', stereo: true } },
      { op: 'unit.create', unitId: 'guest-recorder-3', kind: 'recorder', params: { name: 'named', secure: true } },
    ]);
  });

  it('player methods send unit commands and route media', () => {
    h.run(`const p = VoxEngine.createTTSPlayer('x'); const c = VoxEngine.callSIP('sip:a@h');
           p.pause(); p.resume(); p.addMarker(-500); p.sendMediaTo(c); p.stopMediaTo(c); p.stop();`);
    const unit = (method: string, args: unknown[]) => ({ op: 'unit.method', unitId: 'guest-player-1', method, args });
    const player = { kind: 'player', id: 'guest-player-1' };
    const call = { kind: 'call', id: 'guest-call-2' };
    expect(h.take().slice(2)).toEqual([
      unit('pause', []), unit('resume', []), unit('addMarker', [-500]),
      { op: 'media.send', from: player, to: call }, { op: 'media.stop', from: player, to: call }, unit('stop', []),
    ]);
  });

  it('recorder methods send unit commands; calls record into it with sendMediaTo', () => {
    h.run(`const r = VoxEngine.createRecorder(); const c = VoxEngine.callSIP('sip:a@h'); c.sendMediaTo(r); r.mute(true); r.stop();`);
    expect(h.take().slice(2)).toEqual([
      { op: 'media.send', from: { kind: 'call', id: 'guest-call-2' }, to: { kind: 'recorder', id: 'guest-recorder-1' } },
      { op: 'unit.method', unitId: 'guest-recorder-1', method: 'mute', args: [true] },
      { op: 'unit.method', unitId: 'guest-recorder-1', method: 'stop', args: [] },
    ]);
  });

  it('delivers PlayerEvents with player and name', () => {
    h.run(`globalThis.p = VoxEngine.createTTSPlayer('x'); globalThis.got = [];
           for (const k of Object.keys(PlayerEvents)) p.addEventListener(PlayerEvents[k], (e) => got.push({ ...e, player: e.player === p }));`);
    const events = [
      ['Player.Created', {}], ['Player.PlaybackReady', {}], ['Player.Started', { duration: 2.5 }],
      ['Player.PlaybackMarkerReached', { offset: -500 }], ['Player.Buffering', {}], ['Player.PlaybackFinished', { error: 'x' }],
      ['Player.Error', { error: 'bad file' }], ['Player.Stopped', {}],
    ] as const;
    for (const [event, payload] of events) h.deliver({ type: 'unit', unitId: 'guest-player-1', event, payload });
    expect(h.value('got')).toEqual(events.map(([name, payload]) => ({ ...payload, player: true, name })));
  });

  it('delivers RecorderEvents with recorder and name', () => {
    h.run(`globalThis.r = VoxEngine.createRecorder(); globalThis.got = [];
           for (const k of Object.keys(RecorderEvents)) r.addEventListener(RecorderEvents[k], (e) => got.push({ ...e, recorder: e.recorder === r }));`);
    h.deliver({ type: 'unit', unitId: 'guest-recorder-1', event: 'Recorder.Started', payload: { url: 'http://h/r.mp3' } });
    h.deliver({ type: 'unit', unitId: 'guest-recorder-1', event: 'Recorder.Stopped', payload: { cost: '0', duration: 4 } });
    h.deliver({ type: 'unit', unitId: 'guest-recorder-1', event: 'Recorder.Error', payload: { error: 'x' } });
    expect(h.value('got')).toEqual([
      { url: 'http://h/r.mp3', recorder: true, name: 'Recorder.Started' },
      { cost: '0', duration: 4, recorder: true, name: 'Recorder.Stopped' },
      { error: 'x', recorder: true, name: 'Recorder.Error' },
    ]);
  });

  it('limits a session to 10 live players; a stopped or finished player frees its place', () => {
    h.run(`globalThis.ps = []; for (let i = 0; i < 10; i++) ps.push(VoxEngine.createTTSPlayer('x' + i));`);
    expect(() => h.run(`VoxEngine.createURLPlayer('http://h/a.mp3')`)).toThrow("VoxEngine.createURLPlayer: the session already has 10 players, VoxEngine's limit");
    h.run(`ps[0].stop(); ps[0].stop();`);
    h.deliver({ type: 'unit', unitId: 'guest-player-2', event: 'Player.PlaybackFinished', payload: {} });
    h.run(`VoxEngine.createTTSPlayer('a'); VoxEngine.createTTSPlayer('b');`);
    expect(() => h.run(`VoxEngine.createTTSPlayer('c')`)).toThrow('10 players');
  });

  it.each([
    ['VoxEngine.createTTSPlayer()', 'VoxEngine.createTTSPlayer: text must be a string'],
    ['VoxEngine.createURLPlayer(5)', 'VoxEngine.createURLPlayer: request must be a URL string or an object with a url'],
    ['VoxEngine.createURLPlayer({})', 'VoxEngine.createURLPlayer: request.url must be a string'],
    ['VoxEngine.createToneScriptPlayer(null)', 'VoxEngine.createToneScriptPlayer: script must be a string'],
    ['VoxEngine.createRecorder(7)', 'VoxEngine.createRecorder: parameters must be an object'],
    ["VoxEngine.createTTSPlayer('x').addMarker('a')", 'Player.addMarker: offset must be an integer'],
    ["VoxEngine.createRecorder().mute('yes')", 'Recorder.mute: doMute must be a boolean'],
  ])('%s throws an error naming the argument', (code, message) => {
    expect(() => h.run(code)).toThrow(message);
  });
});

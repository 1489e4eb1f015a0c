import { afterEach, describe, expect, it } from 'vitest';
import { loadScenarioSource, type ScenarioKit } from '../../../engine/testing/index.js';

describe('the kit with players and recorders', () => {
  let kit: ScenarioKit | undefined;
  afterEach(() => kit?.close());

  it('plays a URL player into the call and records the call into a recorder', async () => {
    kit = await loadScenarioSource(`
      VoxEngine.addEventListener(AppEvents.CallAlerting, (e) => {
        const call = e.call;
        call.addEventListener(CallEvents.Connected, () => {
          const music = VoxEngine.createURLPlayer('http://example.com/hold.mp3', { loop: true });
          music.sendMediaTo(call);
          const recorder = VoxEngine.createRecorder();
          recorder.addEventListener(RecorderEvents.Started, (r) => Logger.write('recording ' + r.url));
          recorder.addEventListener(RecorderEvents.Stopped, (r) => Logger.write('stopped after ' + r.duration + ' s'));
          call.sendMediaTo(recorder);
          setTimeout(() => { music.stop(); recorder.stop(); }, 10_000);
        });
        call.answer();
      });
    `);
    const call = kit.incomingCall({ callerid: '1', destination: '2' });
    await kit.flush();
    const [player] = [...kit.media.players.values()];
    expect(player!.request.source).toEqual({ kind: 'url', url: 'http://example.com/hold.mp3', loop: true, progressive: false });
    expect(call.mediaSource).toBe(player!.portId);
    const [recorder] = [...kit.media.recorders.values()];
    expect([...recorder!.sources]).toEqual([`call:${call.id}`]);
    await kit.advance(10_000);
    expect(kit.logs).toEqual([`recording ${recorder!.url}`, 'stopped after 10 s']);
    expect(player!.stopped).toBe(true);
    expect(kit.routes).toEqual([{ from: `call:${call.id}`, to: `recorder:${recorder!.portId.slice('recorder:'.length)}` }]);
  });
});

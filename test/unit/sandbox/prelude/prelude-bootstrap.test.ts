import { afterEach, describe, expect, it } from 'vitest';
import { preludeSource } from '../../../../engine/sandbox/prelude/build-prelude.js';
import { PreludeHarness } from './prelude-harness.js';

describe('prelude bootstrap', () => {
  let harness: PreludeHarness | undefined;
  afterEach(() => harness?.dispose());

  it('builds once and returns the same cached script', () => {
    expect(preludeSource()).toBe(preludeSource());
  });

  it('also runs alone in a bare isolate, with only __callscript_send from the host', () => {
    harness = new PreludeHarness('fresh');
    harness.run(`Logger.write(VoiceList.Google.en_US_Standard_C.language)`);
    expect(harness.take()).toEqual([{ op: 'log', text: 'en-US' }]);
  });

  it('hides the host send function from the scenario', () => {
    harness = new PreludeHarness();
    expect(harness.value('typeof __callscript_send')).toBe('undefined');
    expect(harness.value('typeof __callscript_deliver')).toBe('function');
  });

  it('defines the VoxEngine globals a scenario uses', () => {
    harness = new PreludeHarness();
    const names = [
      'VoxEngine', 'AppEvents', 'CallEvents', 'PlayerEvents', 'RecorderEvents', 'Call', 'Player', 'Recorder', 'VoiceList',
      'Language', 'DTMFType', 'RecordExpireTime', 'ProgressToneCountry', 'CallState', 'Modules', 'require', 'Logger', 'Net',
      'setTimeout', 'setInterval', 'clearTimeout', 'clearInterval', 'uuidgen', 'base64_encode', 'base64_decode',
    ];
    expect(harness.value(`[${names.map((n) => `typeof ${n}`).join(',')}]`)).not.toContain('undefined');
  });

  it('keeps the API globals from being replaced by the scenario', () => {
    harness = new PreludeHarness();
    harness.run(`try { VoxEngine = null; } catch {} globalThis.__callscript_deliver = null;`);
    expect(harness.value('typeof VoxEngine.callSIP')).toBe('function');
    expect(harness.value('typeof __callscript_deliver')).toBe('function');
  });

  it('refuses to construct Call, Player or Recorder directly', () => {
    harness = new PreludeHarness();
    for (const cls of ['Call', 'Player', 'Recorder']) {
      expect(() => harness!.run(`new ${cls}()`)).toThrow(/come from/);
    }
  });
});

describe('prelude isolation from scenario tampering', () => {
  it('keeps sending and receiving JSON when the scenario replaces JSON.stringify and JSON.parse', () => {
    const harness = new PreludeHarness();
    try {
      harness.run(`
        JSON.stringify = () => 'tampered'; JSON.parse = () => ({ type: 'timer', timerId: 999 });
        VoxEngine.addEventListener(AppEvents.Started, (e) => Logger.write('started ' + e.sessionId));`);
      harness.deliver({ type: 'app', event: 'Application.Started', payload: { sessionId: 's1', accessURL: '' } });
      expect(harness.take()).toEqual([{ op: 'log', text: 'started s1' }]);
    } finally {
      harness.dispose();
    }
  });
});

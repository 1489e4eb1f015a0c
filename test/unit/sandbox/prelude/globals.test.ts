import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { PreludeHarness } from './prelude-harness.js';

describe('scenario globals', () => {
  let h: PreludeHarness;
  beforeEach(() => {
    h = new PreludeHarness();
  });
  afterEach(() => h.dispose());

  it('require accepts the modules callscript provides', () => {
    h.run(`require(Modules.Recorder); require(Modules.Player);`);
  });

  it('require refuses modules callscript does not provide, and unknown names, with a clear error', () => {
    expect(() => h.run(`require(Modules.ASR)`)).toThrow('require: Modules.ASR is not available in callscript');
    expect(() => h.run(`require('fs')`)).toThrow('require: unknown module "fs"; pass a Modules constant such as Modules.Recorder');
  });

  it('constant namespaces are frozen ordinary objects, whatever way the prelude builds them', () => {
    const names = ['VoxEngine', 'AppEvents', 'CallEvents', 'PlayerEvents', 'RecorderEvents', 'DTMFType', 'CallState', 'Logger', 'Modules'];
    expect(h.value(`${JSON.stringify(names)}.map((name) => {
      const ns = globalThis[name];
      return [Object.getPrototypeOf(ns) === Object.prototype, Object.isFrozen(ns), Object.keys(ns).includes('__proto__'), String(ns)];
    })`)).toEqual(names.map(() => [true, true, false, '[object Object]']));
    expect(h.value(`[CallEvents.hasOwnProperty('Connected'), 'Connected' in CallEvents, Object.keys(AppEvents)[0], JSON.stringify(DTMFType)]`))
      .toEqual([true, true, 'Started', '{"ALL":0,"TELEPHONE_EVENT":1,"IN_BAND":2,"SIP_INFO":3}']);
    expect(h.value(`Object.getOwnPropertyDescriptor(globalThis, 'Modules').writable`)).toBe(false);
  });

  it('uuidgen returns distinct version 4 UUIDs', () => {
    const [a, b] = h.value<string[]>('[uuidgen(), uuidgen()]');
    expect(a).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(a).not.toBe(b);
  });

  it('uuidgen differs between two sessions', () => {
    const other = new PreludeHarness();
    try {
      expect(other.value('uuidgen()')).not.toBe(h.value('uuidgen()'));
    } finally {
      other.dispose();
    }
  });

  it('base64_encode and base64_decode round-trip text and bytes (RFC 4648 test vectors)', () => {
    expect(h.value(`['', 'f', 'fo', 'foo', 'foob', 'fooba', 'foobar'].map((s) => base64_encode(s))`))
      .toEqual(['', 'Zg==', 'Zm8=', 'Zm9v', 'Zm9vYg==', 'Zm9vYmE=', 'Zm9vYmFy']);
    expect(h.value(`base64_decode('Zm9vYmE=')`)).toEqual([102, 111, 111, 98, 97]);
    expect(h.value(`bytes2str(base64_decode(base64_encode('Привет, мир €')))`)).toBe('Привет, мир €');
    expect(h.value(`base64_encode([0, 255, 128])`)).toBe('AP+A');
    expect(() => h.run(`base64_decode('!!')`)).toThrow('base64_decode: data is not base64');
  });

  it('hex and byte helpers convert both ways', () => {
    expect(h.value(`[bytes2hex([202, 254, 192, 222]), bytes2hex([171], true), hex2bytes('cafe'), str2bytes('é')]`))
      .toEqual(['cafec0de', 'AB', [202, 254], [195, 169]]);
  });

  it('voices carry their language and gender for the TTS provider', () => {
    expect(h.value(`[VoiceList.Google.ru_RU_Standard_B, VoiceList.Amazon.Neural.en_GB_Brian, VoiceList.Microsoft.Neural.de_DE_KatjaNeural, VoiceList.ElevenLabs.Alice, Language.RU_RUSSIAN_FEMALE]`))
      .toEqual([
        { provider: 'Google', name: 'ru_RU_Standard_B', language: 'ru-RU', gender: 'male' },
        { provider: 'Amazon.Neural', name: 'en_GB_Brian', language: 'en-GB', gender: 'male' },
        { provider: 'Microsoft.Neural', name: 'de_DE_KatjaNeural', language: 'de-DE', gender: 'female' },
        { provider: 'ElevenLabs', name: 'Alice', language: 'en-GB', gender: 'female' },
        { provider: 'Language', name: 'RU_RUSSIAN_FEMALE', language: 'ru-RU', gender: 'female' },
      ]);
    expect(h.value(`[VoiceList.Default.en_US_Female instanceof Voice, Object.isFrozen(VoiceList.Google), String(VoiceList.Yandex.Neural.ru_RU_alena)]`))
      .toEqual([true, true, 'Yandex.Neural.ru_RU_alena']);
  });

  it('exposes the constant namespaces with VoxEngine values', () => {
    expect(h.value(`[DTMFType.ALL, DTMFType.TELEPHONE_EVENT, DTMFType.IN_BAND, DTMFType.SIP_INFO]`)).toEqual([0, 1, 2, 3]);
    expect(h.value(`[RecordExpireTime.THREEMONTHS, RecordExpireTime.ONEYEAR]`)).toEqual(['', '-1y']);
    expect(h.value(`[AppEvents.Started, AppEvents.CallAlerting, AppEvents.Terminating, AppEvents.Terminated, AppEvents.HttpRequest]`))
      .toEqual(['Application.Started', 'Application.CallAlerting', 'Application.Terminating', 'Application.Terminated', 'Application.HttpRequest']);
    expect(h.value(`[PlayerEvents.PlaybackFinished, RecorderEvents.Stopped, CallState.CONNECTED, ProgressToneCountry.US]`))
      .toEqual(['Player.PlaybackFinished', 'Recorder.Stopped', 'CONNECTED', 'US']);
  });
});

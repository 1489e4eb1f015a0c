import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { espeakProsody } from '../../../../engine/media/tts/espeak-prosody.js';
import { espeakVoiceFor, parseEspeakVoiceList } from '../../../../engine/media/tts/espeak-voices.js';
import { parseVoxSayParameters, parseVoxVoice } from '../../../../engine/media/tts/vox-voice.js';

describe('parseVoxVoice', () => {
  it.each([
    ['Amazon.en_US_Joanna', { language: 'en-US', gender: 'female' }],
    ['en_US_Matthew', { language: 'en-US', gender: 'male' }],
    ['Yandex.ru_RU_Alena', { language: 'ru-RU', gender: 'female' }],
    ['Google.de_DE_Standard_A', { language: 'de-DE' }],
    ['en-GB_Female', { language: 'en-GB', gender: 'female' }],
    ['ru-RU_Male', { language: 'ru-RU', gender: 'male' }],
    ['fr', { language: 'fr' }],
  ])('reads %j', (name, voice) => {
    expect(parseVoxVoice(name)).toEqual(voice);
  });

  it('reads objects and falls back to VoxEngine default (US English, female) for anything else', () => {
    expect(parseVoxVoice({ language: 'es-MX', gender: 'MALE' })).toEqual({ language: 'es-MX', gender: 'male' });
    expect(parseVoxVoice({ name: 'en_GB_Brian' })).toEqual({ language: 'en-GB', gender: 'male' });
    expect(parseVoxVoice(undefined)).toEqual({ language: 'en-US', gender: 'female' });
    expect(parseVoxVoice('Joanna')).toEqual({ language: 'en-US', gender: 'female' });
    expect(parseVoxVoice({ language: 'ru-RU' })).toEqual({ language: 'ru-RU' });
  });

  it("reads the sandbox's Voice objects (VoiceList and Language constants copied across the boundary)", () => {
    expect(parseVoxVoice({ provider: 'Amazon', name: 'en_US_Joanna', language: 'en-US', gender: 'female' })).toEqual({ language: 'en-US', gender: 'female' });
    expect(parseVoxVoice({ provider: 'Language', name: 'RU_RUSSIAN_MALE', language: 'ru-RU', gender: 'male' })).toEqual({ language: 'ru-RU', gender: 'male' });
    expect(parseVoxVoice({ provider: 'Amazon', name: 'cmn_CN_Zhiyu', language: 'cmn-CN', gender: 'neutral' })).toEqual({ language: 'cmn-CN', gender: 'female' });
  });
});

describe('espeakVoiceFor', () => {
  const available = parseEspeakVoiceList(
    ['Pty Language Age/Gender VoiceName File', ' 5  en-us  --/M  English_(America)  gmw/en-US', ' 5  en-gb  --/M  English  gmw/en', ' 5  de  --/M  German  gmw/de', ' 5  ru  --/M  Russian  zle/ru', ' 5  cmn  --/M  Chinese  sit/cmn', ' 5  es-419  --/M  Spanish  roa/es-419'].join('\n'),
  );

  it('maps tags onto espeak-ng voices with a gender variant', () => {
    expect(espeakVoiceFor({ language: 'en-US', gender: 'female' }, available)).toBe('en-us+f3');
    expect(espeakVoiceFor({ language: 'en-AU', gender: 'male' }, available)).toBe('en-gb+m3');
    expect(espeakVoiceFor({ language: 'de-DE' }, available)).toBe('de');
    expect(espeakVoiceFor({ language: 'ru_RU' }, available)).toBe('ru');
    expect(espeakVoiceFor({ language: 'zh-CN' }, available)).toBe('cmn');
    expect(espeakVoiceFor({ language: 'es-MX' }, available)).toBe('es-419');
  });

  it("has a voice in the installed espeak-ng for every language of VoxEngine's VoiceList and Language constants", () => {
    const installed = parseEspeakVoiceList(execFileSync('espeak-ng', ['--voices']).toString());
    const languages = 'en-US en-GB en-AU en-IN de-DE fr-FR fr-CA es-ES es-US es-MX it-IT pt-BR pt-PT ru-RU nl-NL pl-PL ja-JP ko-KR tr-TR sv-SE da-DK nb-NO cmn-CN ar ro-RO';
    const chosen = languages.split(' ').map((language) => espeakVoiceFor({ language }, installed));
    expect(chosen).toEqual(['en-us', 'en-gb', 'en-gb', 'en-gb', 'de', 'fr-fr', 'fr-fr', 'es', 'es-419', 'es-419', 'it', 'pt-br', 'pt', 'ru', 'nl', 'pl', 'ja', 'ko', 'tr', 'sv', 'da', 'nb', 'cmn', 'ar', 'ro']);
  });

  it('refuses a language espeak-ng lacks with unsupported_language', () => {
    expect(() => espeakVoiceFor({ language: 'xx-YY' }, available)).toThrow(expect.objectContaining({ code: 'unsupported_language' }));
  });
});

describe('espeakProsody', () => {
  it('maps SSML keywords and relative values onto espeak-ng rate, pitch and amplitude', () => {
    expect(espeakProsody()).toEqual({ wordsPerMinute: 175, pitch: 50, amplitude: 100 });
    expect(espeakProsody({ rate: 'x-slow', pitch: 'high', volume: 'loud' })).toEqual({ wordsPerMinute: 88, pitch: 65, amplitude: 140 });
    expect(espeakProsody({ rate: '+20%', pitch: '-10%', volume: '+6dB' })).toEqual({ wordsPerMinute: 210, pitch: 45, amplitude: 200 });
    expect(espeakProsody({ rate: '50%' }).wordsPerMinute).toBe(88);
  });

  it('rejects unknown values with invalid_option', () => {
    expect(() => espeakProsody({ rate: 'ludicrous' })).toThrow(expect.objectContaining({ code: 'invalid_option' }));
  });
});

describe('parseVoxSayParameters', () => {
  it('reads the voice, the legacy language and ttsOptions', () => {
    expect(parseVoxSayParameters({ voice: 'Amazon.en_GB_Brian', ttsOptions: { rate: 'slow', pitch: 3, volume: '+2dB' } })).toEqual({
      voice: { language: 'en-GB', gender: 'male' },
      prosody: { rate: 'slow', volume: '+2dB' },
    });
    expect(parseVoxSayParameters({ language: 'ru-RU_Female' })).toEqual({ voice: { language: 'ru-RU', gender: 'female' }, prosody: {} });
    expect(parseVoxSayParameters()).toEqual({ voice: { language: 'en-US', gender: 'female' }, prosody: {} });
  });
});

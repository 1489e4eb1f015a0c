import type { TtsGender, TtsProsody, TtsVoice } from './tts-types.js';

/**
 * VoxEngine names voices by provider, language and speaker: `VoiceList.Amazon.en_US_Joanna`, `Google.ru_RU_Standard_A`,
 * older `Language` values such as `en-US_Female`. The language is always spelled out; the gender only sometimes, so
 * the better-known speaker names are listed here (their gender is public in each provider's voice catalogue).
 */
const SPEAKER_GENDERS: Readonly<Record<string, TtsGender>> = {
  joanna: 'female', kendra: 'female', kimberly: 'female', salli: 'female', ivy: 'female', ruth: 'female',
  danielle: 'female', amy: 'female', emma: 'female', olivia: 'female', nicole: 'female', raveena: 'female',
  aditi: 'female', tatyana: 'female', alena: 'female', jane: 'female', oksana: 'female', marlene: 'female',
  vicki: 'female', celine: 'female', lea: 'female', chantal: 'female', conchita: 'female', lucia: 'female',
  lupe: 'female', penelope: 'female', carla: 'female', bianca: 'female', ines: 'female', vitoria: 'female',
  camila: 'female', mizuki: 'female', seoyeon: 'female', zhiyu: 'female', filiz: 'female', astrid: 'female',
  matthew: 'male', joey: 'male', justin: 'male', kevin: 'male', stephen: 'male', brian: 'male', arthur: 'male',
  russell: 'male', geraint: 'male', maxim: 'male', filipp: 'male', ermil: 'male', zahar: 'male', hans: 'male',
  daniel: 'male', mathieu: 'male', enrique: 'male', miguel: 'male', giorgio: 'male', cristiano: 'male',
  ricardo: 'male', takumi: 'male', mads: 'male', jacek: 'male', jan: 'male', ruben: 'male', karl: 'male',
};

const DEFAULT_VOICE: TtsVoice = { language: 'en-US', gender: 'female' };

/**
 * Reads a scenario's voice (a VoxEngine voice string, or an object with `language`/`gender`/`name`) into a
 * {@link TtsVoice}. Anything unrecognizable yields VoxEngine's default, US English female (Amazon Joanna).
 */
export function parseVoxVoice(voice: unknown): TtsVoice {
  if (typeof voice === 'string') return parseVoiceName(voice);
  if (voice && typeof voice === 'object') {
    const { language, gender, name } = voice as { language?: unknown; gender?: unknown; name?: unknown };
    const fromName = typeof name === 'string' && languageOf(name) ? parseVoiceName(name) : undefined;
    const tag = typeof language === 'string' ? languageOf(language) : undefined;
    if (!tag && !fromName) return DEFAULT_VOICE;
    return { language: tag ?? fromName!.language, ...withGender(parseGender(gender) ?? fromName?.gender) };
  }
  return DEFAULT_VOICE;
}

/**
 * Reads the parameters of `call.say(text, parameters)` / `createTTSPlayer`: `voice` (or the older `language`), and
 * `ttsOptions` with `rate`, `pitch`, `volume`. Values that are not strings are ignored.
 */
export function parseVoxSayParameters(parameters: Record<string, unknown> = {}): { voice: TtsVoice; prosody: TtsProsody } {
  const voice = parseVoxVoice(parameters['voice'] ?? parameters['language']);
  const options = parameters['ttsOptions'];
  const prosody: { rate?: string; pitch?: string; volume?: string } = {};
  if (options && typeof options === 'object') {
    for (const key of ['rate', 'pitch', 'volume'] as const) {
      const value = (options as Record<string, unknown>)[key];
      if (typeof value === 'string') prosody[key] = value;
    }
  }
  return { voice, prosody };
}

function parseVoiceName(name: string): TtsVoice {
  const language = languageOf(name);
  if (!language) return DEFAULT_VOICE;
  return { language, ...withGender(genderOf(name)) };
}

function languageOf(text: string): string | undefined {
  const match = /(?:^|[._\s])([a-z]{2,3})(?:[-_]([A-Za-z]{2}|\d{3}))?(?=$|[._\s-])/.exec(text);
  if (!match) return undefined;
  return match[2] ? `${match[1]}-${match[2].toUpperCase()}` : match[1];
}

function genderOf(name: string): TtsGender | undefined {
  const lower = name.toLowerCase();
  if (/female|woman/.test(lower)) return 'female';
  if (/(^|[^fe])male|\bman\b/.test(lower)) return 'male';
  const speaker = lower.split(/[._\s-]/).pop() ?? '';
  return SPEAKER_GENDERS[speaker];
}

function parseGender(value: unknown): TtsGender | undefined {
  if (typeof value !== 'string') return undefined;
  const lower = value.toLowerCase();
  return lower === 'female' || lower === 'male' ? lower : undefined;
}

function withGender(gender: TtsGender | undefined): { gender?: TtsGender } {
  return gender ? { gender } : {};
}

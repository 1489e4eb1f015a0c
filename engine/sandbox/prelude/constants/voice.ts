/**
 * A text-to-speech voice as VoxEngine scenarios name it (`VoiceList.Google.en_US_Standard_C`, `Language.US_ENGLISH_FEMALE`).
 * The provider's own engine is not available here; the host maps `language` and `gender` onto its TTS provider's
 * voices (espeak-ng by default), so every voice a scenario names speaks the right language.
 */
export type VoiceGender = 'female' | 'male' | 'neutral';

const voiceToken = Symbol('Voice');

export class Voice {
  readonly provider: string;
  readonly name: string;
  /** BCP 47 tag, e.g. `en-US`. */
  readonly language: string;
  readonly gender: VoiceGender;

  constructor(token: symbol, provider: string, name: string, language: string, gender: VoiceGender) {
    if (token !== voiceToken) throw new TypeError('Voice: use the constants of VoiceList or Language');
    this.provider = provider;
    this.name = name;
    this.language = language;
    this.gender = gender;
    Object.freeze(this);
  }

  toString(): string {
    return `${this.provider}.${this.name}`;
  }
}

/** Builds a voice; only the constant tables call this. */
export function defineVoice(provider: string, name: string, language: string, gender: VoiceGender): Voice {
  return new Voice(voiceToken, provider, name, language, gender);
}

const genders: Record<string, VoiceGender> = { F: 'female', M: 'male', N: 'neutral' };

/**
 * Expands a compact table: entries `name/G` or `name/G/lang`, with G one of F, M, N. Without an explicit language the
 * tag comes from the name's `xx_YY_` prefix (`en_US_Standard_C` is `en-US`).
 */
export function voiceTable(provider: string, entries: string): Readonly<Record<string, Voice>> {
  const table: Record<string, Voice> = {};
  for (const entry of entries.trim().split(/\s+/)) {
    const [name, g, explicit] = entry.split('/') as [string, string, string | undefined];
    const gender = genders[g];
    const prefix = /^([a-z]{2,3})_([A-Z]{2})(?:_|$)/.exec(name);
    const language = explicit ?? (prefix ? `${prefix[1]}-${prefix[2]}` : undefined);
    if (!gender || !language) throw new Error(`voice table ${provider}: bad entry ${entry}`);
    table[name] = defineVoice(provider, name, language, gender);
  }
  return Object.freeze(table);
}

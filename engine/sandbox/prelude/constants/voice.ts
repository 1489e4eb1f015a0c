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

/** The one-letter gender codes of the tables below. */
function genderOf(code: string | undefined): VoiceGender | undefined {
  switch (code) {
    case 'F':
      return 'female';
    case 'M':
      return 'male';
    case 'N':
      return 'neutral';
    default:
      return undefined;
  }
}

function isLetters(text: string | undefined, min: number, max: number, from: number, to: number): boolean {
  if (text === undefined || text.length < min || text.length > max) return false;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < from || code > to) return false;
  }
  return true;
}

/** `en_US_Standard_C` is `en-US`; a name without an `xx_YY_` prefix has no language of its own. */
function languageOfName(name: string): string | undefined {
  const [language, region] = name.split('_');
  const lowerCase = isLetters(language, 2, 3, 0x61, 0x7a);
  const upperCase = isLetters(region, 2, 2, 0x41, 0x5a);
  return lowerCase && upperCase ? `${language}-${region}` : undefined;
}

/**
 * Expands a compact table: entries `name/G` or `name/G/lang`, with G one of F, M, N, separated by spaces and line
 * breaks.
 * Without an explicit language the tag comes from the name.
 */
export function voiceTable(provider: string, entries: string): Readonly<Record<string, Voice>> {
  const table: Record<string, Voice> = {};
  for (const entry of entries.split('\n').join(' ').split(' ')) {
    if (entry === '') continue;
    const [name, g, explicit] = entry.split('/') as [string, string | undefined, string | undefined];
    const gender = genderOf(g);
    const language = explicit ?? languageOfName(name);
    if (!gender || !language) throw new Error(`voice table ${provider}: bad entry ${entry}`);
    table[name] = defineVoice(provider, name, language, gender);
  }
  return Object.freeze(table);
}

/**
 * A namespace whose tables are built on first use. Building every table at load put about 0.3 MB more heap into
 * each session's isolate (measured: 1.20 MB against 0.92 MB); a scenario names one or two
 * voices.
 */
export function lazyNamespace<T extends Record<string, () => object>>(builders: T): { readonly [K in keyof T]: ReturnType<T[K]> } {
  const namespace = {};
  for (const [key, build] of Object.entries(builders)) {
    let built: object | undefined;
    Object.defineProperty(namespace, key, { enumerable: true, get: () => (built ??= build()) });
  }
  return Object.freeze(namespace) as { readonly [K in keyof T]: ReturnType<T[K]> };
}

import { TtsError, type TtsVoice } from './tts-types.js';

/**
 * Languages whose BCP 47 tag differs from espeak-ng's voice name, or where espeak-ng has several voices and one is
 * the natural choice for a region.
 */
const ESPEAK_SPECIAL: Readonly<Record<string, string>> = {
  en: 'en-us',
  'en-au': 'en-gb',
  'en-ie': 'en-gb',
  'en-in': 'en-gb',
  'en-nz': 'en-gb',
  'en-za': 'en-gb',
  'en-ca': 'en-us',
  zh: 'cmn',
  'zh-cn': 'cmn',
  'zh-tw': 'cmn',
  'zh-hk': 'yue',
  no: 'nb',
  'nb-no': 'nb',
  'es-mx': 'es-419',
  'es-us': 'es-419',
  'es-ar': 'es-419',
  'es-co': 'es-419',
  fr: 'fr-fr',
  'fr-ca': 'fr-fr',
  'pt-pt': 'pt',
  iw: 'he',
};

/** espeak-ng's variant files: `+f3` and `+m3` are its clearest female and male variants at 8 kHz. */
const GENDER_VARIANT = { female: '+f3', male: '+m3' } as const;

/**
 * Chooses the espeak-ng voice (`-v` argument) for a voice: the language's own voice when espeak-ng has it (exact tag,
 * then a known equivalent, then the bare language), with a female or male variant when a gender is asked for.
 * `available` is espeak-ng's language list (`espeak-ng --voices`, second column), lower-case.
 */
export function espeakVoiceFor(voice: TtsVoice, available: ReadonlySet<string>): string {
  const tag = voice.language.toLowerCase().replace(/_/g, '-');
  const base = tag.split('-')[0]!;
  const candidates = [tag, ESPEAK_SPECIAL[tag], ESPEAK_SPECIAL[base], base];
  const chosen = candidates.find((c): c is string => c !== undefined && available.has(c));
  if (!chosen) {
    throw new TtsError('unsupported_language', `no espeak-ng voice for language '${voice.language}'`);
  }
  return voice.gender ? `${chosen}${GENDER_VARIANT[voice.gender]}` : chosen;
}

/** Parses `espeak-ng --voices` output into the set of language names it lists. */
export function parseEspeakVoiceList(output: string): Set<string> {
  const languages = new Set<string>();
  for (const line of output.split('\n').slice(1)) {
    const language = line.trim().split(/\s+/)[1];
    if (language) languages.add(language.toLowerCase());
  }
  return languages;
}

import { AudioSourceError } from './audio-source-error.js';

/** The call-progress tones `playProgressTone` and tone players can ask for by country. */
export type ProgressToneKind = 'ringback' | 'busy' | 'dial';

/*
 * Frequencies and cadences from ITU-T E.180 Supplement 2 ("Various tones used in national networks"), written as
 * ToneScript (see tone-script.ts). Each tone repeats until stopped. Levels follow the national plans where E.180
 * gives them (North America: -13 dBm0 per dial-tone component, -19 for ringback, -24 for busy) and sit near
 * -16 dBm0 for the single-frequency European tones.
 */
const TONES: Readonly<Record<string, Readonly<Record<ProgressToneKind, string>>>> = {
  // North American Precise Tone Plan: ringback 440+480 Hz 2 s on, 4 s off; busy 480+620 Hz 0.5/0.5 s.
  US: {
    ringback: '440@-19,480@-19;*(2/4/1+2)',
    busy: '480@-24,620@-24;*(.5/.5/1+2)',
    dial: '350@-13,440@-13;*(*/0/1+2)',
  },
  // United Kingdom: ringback 400+450 Hz 0.4 on, 0.2 off, 0.4 on, 2.0 off; busy 400 Hz 0.375/0.375 s.
  GB: {
    ringback: '400@-19,450@-19;*(.4/.2/1+2,.4/2/1+2)',
    busy: '400@-16;*(.375/.375/1)',
    dial: '350@-19,440@-19;*(*/0/1+2)',
  },
  // Germany: 425 Hz; ringback 1 s on, 4 s off; busy 0.48/0.48 s.
  DE: {
    ringback: '425@-16;*(1/4/1)',
    busy: '425@-16;*(.48/.48/1)',
    dial: '425@-16;*(*/0/1)',
  },
  // CEPT recommendation T/CS 20-15 as used across Europe: 425 Hz; ringback 1/4 s; busy 0.5/0.5 s.
  EU: {
    ringback: '425@-16;*(1/4/1)',
    busy: '425@-16;*(.5/.5/1)',
    dial: '425@-16;*(*/0/1)',
  },
  // Russia: 425 Hz; ringback 0.8 s on, 3.2 s off; busy 0.4/0.4 s.
  RU: {
    ringback: '425@-16;*(.8/3.2/1)',
    busy: '425@-16;*(.4/.4/1)',
    dial: '425@-16;*(*/0/1)',
  },
  // France: 440 Hz; ringback 1.5 s on, 3.5 s off; busy 0.5/0.5 s.
  FR: {
    ringback: '440@-16;*(1.5/3.5/1)',
    busy: '440@-16;*(.5/.5/1)',
    dial: '440@-16;*(*/0/1)',
  },
  // Italy: 425 Hz; ringback 1/4 s; busy 0.5/0.5 s.
  IT: {
    ringback: '425@-16;*(1/4/1)',
    busy: '425@-16;*(.5/.5/1)',
    dial: '425@-16;*(.2/.2/1,.6/1/1)',
  },
  // Spain: 425 Hz; ringback 1.5 s on, 3 s off; busy 0.2/0.2 s.
  ES: {
    ringback: '425@-16;*(1.5/3/1)',
    busy: '425@-16;*(.2/.2/1)',
    dial: '425@-16;*(*/0/1)',
  },
  // China: 450 Hz; ringback 1/4 s; busy 0.35/0.35 s.
  CN: {
    ringback: '450@-16;*(1/4/1)',
    busy: '450@-16;*(.35/.35/1)',
    dial: '450@-16;*(*/0/1)',
  },
};

const ALIASES: Readonly<Record<string, string>> = { UK: 'GB', CA: 'US', USA: 'US', RUS: 'RU', DEU: 'DE', GBR: 'GB' };

/** Country codes (ISO 3166 alpha-2, plus EU) with known tones. */
export const PROGRESS_TONE_COUNTRIES: readonly string[] = Object.keys(TONES);

/** The ToneScript for a country's tone; throws AudioSourceError('unknown_country') for a country not in the table. */
export function progressToneScript(country: string, kind: ProgressToneKind = 'ringback'): string {
  const upper = country.trim().toUpperCase();
  const tones = TONES[ALIASES[upper] ?? upper];
  if (!tones) {
    throw new AudioSourceError(
      'unknown_country',
      `no progress tones for country '${country}' (known: ${PROGRESS_TONE_COUNTRIES.join(', ')})`,
    );
  }
  return tones[kind];
}

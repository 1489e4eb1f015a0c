import { TtsError, type TtsProsody } from './tts-types.js';

/** espeak-ng's `-s` (words per minute), `-p` (pitch 0-99) and `-a` (amplitude 0-200) for a request's prosody. */
export interface EspeakProsody {
  readonly wordsPerMinute: number;
  readonly pitch: number;
  readonly amplitude: number;
}

// espeak-ng's own defaults: 175 wpm, pitch 50, amplitude 100.
const DEFAULT_WPM = 175;
const DEFAULT_PITCH = 50;
const DEFAULT_AMPLITUDE = 100;

// The SSML 1.1 prosody keywords (section 3.2.4) that VoxEngine's TTSOptions accepts.
const RATE_KEYWORDS: Readonly<Record<string, number>> = { 'x-slow': 0.5, slow: 0.75, medium: 1, default: 1, fast: 1.3, 'x-fast': 1.7 };
const PITCH_KEYWORDS: Readonly<Record<string, number>> = { 'x-low': 20, low: 35, medium: 50, default: 50, high: 65, 'x-high': 80 };
const VOLUME_KEYWORDS: Readonly<Record<string, number>> = {
  silent: 0,
  'x-soft': 40,
  soft: 70,
  medium: 100,
  default: 100,
  loud: 140,
  'x-loud': 180,
};

export function espeakProsody(prosody: TtsProsody = {}): EspeakProsody {
  return {
    wordsPerMinute: clamp(Math.round(DEFAULT_WPM * rateFactor(prosody.rate)), 80, 450),
    pitch: clamp(Math.round(pitchValue(prosody.pitch)), 0, 99),
    amplitude: clamp(Math.round(volumeValue(prosody.volume)), 0, 200),
  };
}

function rateFactor(rate: string | undefined): number {
  if (rate === undefined) return 1;
  const keyword = RATE_KEYWORDS[rate];
  if (keyword !== undefined) return keyword;
  const relative = percent(rate);
  if (relative !== undefined) return /^[+-]/.test(rate.trim()) ? 1 + relative : relative;
  throw invalid('rate', rate);
}

function pitchValue(pitch: string | undefined): number {
  if (pitch === undefined) return DEFAULT_PITCH;
  const keyword = PITCH_KEYWORDS[pitch];
  if (keyword !== undefined) return keyword;
  const relative = percent(pitch);
  if (relative !== undefined) return DEFAULT_PITCH * (1 + relative);
  throw invalid('pitch', pitch);
}

function volumeValue(volume: string | undefined): number {
  if (volume === undefined) return DEFAULT_AMPLITUDE;
  const keyword = VOLUME_KEYWORDS[volume];
  if (keyword !== undefined) return keyword;
  const decibels = /^\s*([+-]?\d+(?:\.\d+)?)\s*dB\s*$/i.exec(volume);
  if (decibels) return DEFAULT_AMPLITUDE * 10 ** (Number(decibels[1]) / 20);
  throw invalid('volume', volume);
}

function percent(value: string): number | undefined {
  const match = /^\s*([+-]?\d+(?:\.\d+)?)\s*%\s*$/.exec(value);
  return match ? Number(match[1]) / 100 : undefined;
}

function clamp(value: number, min: number, max: number): number {
  return Math.min(max, Math.max(min, value));
}

function invalid(option: string, value: string): TtsError {
  return new TtsError('invalid_option', `unsupported TTS ${option} '${value}'`);
}

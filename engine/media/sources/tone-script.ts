import { AudioSourceError } from './audio-source-error.js';

/*
 * ToneScript, the call-progress tone notation of Sipura/Linksys/Cisco SIP devices that VoxEngine's
 * createToneScriptPlayer accepts:
 *
 *   FreqScript ; Section [; Section ...]
 *   FreqScript := freq@level [, freq@level ...]       up to 6 components, Hz and dBm0
 *   Section    := duration ( Segment [, Segment ...] ) the segments repeat until the section's duration has elapsed
 *   Segment    := on / off / index [+ index ...]        tone for `on` s with the listed components (1-based; 0 = none),
 *                                                       then `off` s of silence
 *
 * A duration is seconds, fractions allowed (".5"), or `*` for "forever".
 */
// Example, North American dial tone: "350@-19,440@-19;10(*/0/1+2)" is 350 + 440 Hz at -19 dBm0, continuously, for 10 s.

export interface ToneComponent {
  readonly frequencyHz: number;
  readonly levelDbm0: number;
}

export interface ToneSegment {
  /** Seconds of tone; Infinity for `*`. */
  readonly onSeconds: number;
  /** Seconds of silence after the tone. */
  readonly offSeconds: number;
  /** Indexes into {@link ToneProgram.components} (0-based here); empty for a silent segment. */
  readonly components: readonly number[];
}

export interface ToneSection {
  /** Seconds the section lasts, repeating its segments; Infinity for `*`. */
  readonly durationSeconds: number;
  readonly segments: readonly ToneSegment[];
}

export interface ToneProgram {
  readonly components: readonly ToneComponent[];
  readonly sections: readonly ToneSection[];
}

const MAX_COMPONENTS = 6;
const MAX_SCRIPT_LENGTH = 1024;

/** Parses a ToneScript; throws AudioSourceError('invalid_tone_script') naming what is wrong. */
export function parseToneScript(script: string): ToneProgram {
  if (script.length > MAX_SCRIPT_LENGTH) throw invalid(script, `longer than ${MAX_SCRIPT_LENGTH} characters`);
  const parts = script.replace(/\s+/g, '').split(';');
  if (parts.length < 2) throw invalid(script, 'expected "frequencies;duration(on/off/components)"');
  const components = parts[0]!.split(',').map((text) => parseComponent(script, text));
  if (components.length > MAX_COMPONENTS) throw invalid(script, `more than ${MAX_COMPONENTS} frequency components`);
  const sections = parts.slice(1).filter((p) => p.length > 0).map((text) => parseSection(script, text, components.length));
  if (sections.length === 0) throw invalid(script, 'no cadence section');
  return { components, sections };
}

/** Seconds the program plays in total, or Infinity when a section or a tone lasts forever. */
export function toneProgramDuration(program: ToneProgram): number {
  return program.sections.reduce((sum, section) => sum + section.durationSeconds, 0);
}

function parseComponent(script: string, text: string): ToneComponent {
  const match = /^(\d+(?:\.\d+)?)@([-+]?\d+(?:\.\d+)?)$/.exec(text);
  if (!match) throw invalid(script, `bad frequency component '${text}' (expected Hz@dBm, e.g. 440@-19)`);
  const frequencyHz = Number(match[1]);
  const levelDbm0 = Number(match[2]);
  // 8 kHz sampling represents up to 4 kHz; G.711's maximum level is +3.17 dBm0.
  if (frequencyHz <= 0 || frequencyHz >= 4000) throw invalid(script, `frequency ${frequencyHz} Hz outside (0, 4000)`);
  if (levelDbm0 > 3) throw invalid(script, `level ${levelDbm0} dBm0 above the +3 dBm0 maximum`);
  return { frequencyHz, levelDbm0 };
}

function parseSection(script: string, text: string, componentCount: number): ToneSection {
  const match = /^([^(]+)\((.*)\)$/.exec(text);
  if (!match) throw invalid(script, `bad cadence section '${text}' (expected duration(on/off/components,...))`);
  const durationSeconds = parseDuration(script, match[1]!);
  const segments = match[2]!.split(',').map((segment) => parseSegment(script, segment, componentCount));
  const cycle = segments.reduce((sum, s) => sum + s.onSeconds + s.offSeconds, 0);
  if (cycle <= 0) throw invalid(script, `section '${text}' has no duration`);
  return { durationSeconds, segments };
}

function parseSegment(script: string, text: string, componentCount: number): ToneSegment {
  const fields = text.split('/');
  if (fields.length < 2 || fields.length > 3) throw invalid(script, `bad segment '${text}' (expected on/off/components)`);
  const onSeconds = parseDuration(script, fields[0]!);
  const offSeconds = parseDuration(script, fields[1]!);
  if (offSeconds === Infinity && onSeconds === Infinity) throw invalid(script, `segment '${text}' cannot be forever twice`);
  const indexes = (fields[2] ?? '0').split('+').map((index) => {
    const value = Number(index);
    if (!Number.isInteger(value) || value < 0 || value > componentCount) {
      throw invalid(script, `segment '${text}' names component ${index}; there are ${componentCount}`);
    }
    return value;
  });
  return { onSeconds, offSeconds, components: indexes.filter((i) => i > 0).map((i) => i - 1) };
}

function parseDuration(script: string, text: string): number {
  if (text === '*') return Infinity;
  if (!/^(\d+(\.\d*)?|\.\d+)$/.test(text)) throw invalid(script, `bad duration '${text}' (seconds or *)`);
  return Number(text);
}

function invalid(script: string, reason: string): AudioSourceError {
  return new AudioSourceError('invalid_tone_script', `invalid tone script "${script.slice(0, 80)}": ${reason}`);
}

/**
 * Text to speech behind a provider interface (DESIGN.md, "Media"): the built-in provider runs espeak-ng; a cloud
 * provider can be added by implementing {@link TtsProvider}.
 */

export type TtsGender = 'female' | 'male';

/** A voice as the engine understands it, whatever notation the scenario used (see vox-voice.ts). */
export interface TtsVoice {
  /** BCP 47 language tag, e.g. `en-US`, `ru-RU`, `de`. */
  readonly language: string;
  readonly gender?: TtsGender;
}

/**
 * Prosody, in VoxEngine's TTSOptions notation: SSML keywords (`x-slow` ... `x-fast`, `x-low` ... `x-high`,
 * `silent` ... `x-loud`) or relative values (`+20%`, `-10%`, `+6dB`).
 */
export interface TtsProsody {
  readonly rate?: string;
  readonly pitch?: string;
  readonly volume?: string;
}

export interface TtsRequest {
  readonly text: string;
  readonly voice: TtsVoice;
  readonly prosody?: TtsProsody;
}

export interface TtsProvider {
  /** Stable name, part of the cache key so two providers never share an entry. */
  readonly name: string;
  /** Synthesizes the request to the engine's 8 kHz mono 16-bit PCM; rejects with a {@link TtsError}. */
  synthesize(request: TtsRequest): Promise<Int16Array>;
}

export type TtsErrorCode =
  | 'empty_text'
  | 'text_too_long'
  | 'unsupported_language'
  | 'invalid_option'
  | 'synthesis_failed'
  | 'synthesis_timeout';

export class TtsError extends Error {
  override readonly name = 'TtsError';

  constructor(
    readonly code: TtsErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/** Why an audio source could not be prepared; the code is stable and reaches scenarios in PlaybackFinished's `error`. */
export type AudioSourceErrorCode =
  | 'unsupported_url'
  | 'forbidden_path'
  | 'not_found'
  | 'too_large'
  | 'download_timeout'
  | 'http_error'
  | 'network_error'
  | 'unsupported_format'
  | 'malformed_audio'
  | 'invalid_tone_script'
  | 'unknown_country';

export class AudioSourceError extends Error {
  override readonly name = 'AudioSourceError';

  constructor(
    readonly code: AudioSourceErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

import type { AudioCache } from '../sources/audio-cache.js';
import type { LoadedAudio } from '../sources/url-audio-loader.js';
import { TtsError, type TtsProvider, type TtsRequest } from './tts-types.js';

/** VoxEngine's `say`/createTTSPlayer limit: longer text fails with an error in PlaybackFinished. */
export const MAX_TTS_TEXT_LENGTH = 1500;

export interface SpeechSynthesizerOptions {
  readonly provider: TtsProvider;
  readonly cache: AudioCache;
}

/**
 * Validates a TTS request, then returns its audio from the on-disk cache or from the provider (storing it).
 * The cache key holds the provider, the voice, the prosody and the exact text, so changing any of them synthesizes
 * anew.
 */
export class SpeechSynthesizer {
  constructor(private readonly options: SpeechSynthesizerOptions) {}

  async synthesize(request: TtsRequest): Promise<LoadedAudio> {
    if (request.text.trim().length === 0) throw new TtsError('empty_text', 'nothing to say: the text is empty');
    if (request.text.length > MAX_TTS_TEXT_LENGTH) {
      throw new TtsError('text_too_long', `text is ${request.text.length} characters; the limit is ${MAX_TTS_TEXT_LENGTH}`);
    }
    const { provider, cache } = this.options;
    const { voice, prosody = {} } = request;
    const key = JSON.stringify(['tts', provider.name, voice.language, voice.gender, prosody.rate, prosody.pitch, prosody.volume, request.text]);
    return cache.getOrPrepare(key, () => provider.synthesize(request));
  }
}

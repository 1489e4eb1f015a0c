import { AudioCache } from '../sources/audio-cache.js';
import { VOXENGINE_FETCH_LIMITS, type FetchLimits } from '../sources/audio-fetcher.js';
import { UrlAudioLoader } from '../sources/url-audio-loader.js';
import { EspeakProvider } from '../tts/espeak-provider.js';
import { SpeechSynthesizer } from '../tts/speech-synthesizer.js';
import type { TtsProvider } from '../tts/tts-types.js';
import { MediaPlaybackSources } from './playback-sources.js';

export interface PlaybackSetupOptions {
  /** Where prepared prompts and downloads are cached; default `<os temp dir>/callscript-media-cache`. */
  readonly cacheDirectory?: string;
  /**
   * Relative file paths in `startPlayback` resolve against this, and local files must lie inside it; default the
   * working directory.
   */
  readonly baseDirectory?: string;
  /** Default: espeak-ng. */
  readonly tts?: TtsProvider;
  /** Default: VoxEngine's 10 MB and 12 s. */
  readonly fetchLimits?: FetchLimits;
}

/** The engine's playback sources with one shared cache: what an engine builds once and hands to every player. */
export function createPlaybackSources(options: PlaybackSetupOptions = {}): MediaPlaybackSources {
  const cache = new AudioCache(options.cacheDirectory === undefined ? {} : { directory: options.cacheDirectory });
  const urls = new UrlAudioLoader({
    cache,
    limits: options.fetchLimits ?? VOXENGINE_FETCH_LIMITS,
    ...(options.baseDirectory === undefined ? {} : { baseDirectory: options.baseDirectory }),
  });
  const speech = new SpeechSynthesizer({ provider: options.tts ?? new EspeakProvider(), cache });
  return new MediaPlaybackSources({ urls, speech });
}

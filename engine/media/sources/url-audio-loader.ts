import { stat } from 'node:fs/promises';
import type { AudioCache } from './audio-cache.js';
import { fetchAudioBytes, parseAudioLocation, VOXENGINE_FETCH_LIMITS, type AudioLocation, type FetchLimits } from './audio-fetcher.js';
import { decodeAudioFile } from './audio-file-decoder.js';

export interface UrlAudioLoaderOptions {
  readonly cache: AudioCache;
  readonly limits?: FetchLimits;
  /** Relative plain paths are resolved against this directory; default the process's working directory. */
  readonly baseDirectory?: string;
}

export interface LoadedAudio {
  /** 8 kHz mono 16-bit PCM. */
  readonly samples: Int16Array;
  /** True when the audio came from the cache without reading or downloading the source. */
  readonly cached: boolean;
}

/**
 * Prepares the audio at a `file:`/`http:`/`https:` URL or a plain path: fetched within the limits, decoded,
 * converted to 8 kHz mono, and cached. Like VoxEngine, a URL's cache entry is keyed by the URL alone; a local file's
 * also by its size and modification time, so an edited file is picked up.
 */
export class UrlAudioLoader {
  private readonly limits: FetchLimits;

  constructor(private readonly options: UrlAudioLoaderOptions) {
    this.limits = options.limits ?? VOXENGINE_FETCH_LIMITS;
  }

  async load(url: string): Promise<LoadedAudio> {
    const location = parseAudioLocation(url, this.options.baseDirectory);
    const key = await this.cacheKey(location);
    return this.options.cache.getOrPrepare(key, async () => decodeAudioFile(await fetchAudioBytes(location, this.limits)));
  }

  private async cacheKey(location: AudioLocation): Promise<string> {
    if (location.kind === 'http') return `url:${location.url.href}`;
    const info = await stat(location.path).catch(() => undefined);
    return `file:${location.path}:${info?.size ?? 0}:${info?.mtimeMs ?? 0}`;
  }
}

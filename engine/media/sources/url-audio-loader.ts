import { realpath, stat } from 'node:fs/promises';
import { isAbsolute, relative, resolve } from 'node:path';
import { AudioSourceError } from './audio-source-error.js';
import type { AudioCache } from './audio-cache.js';
import { fetchAudioBytes, parseAudioLocation, VOXENGINE_FETCH_LIMITS, type FetchLimits } from './audio-fetcher.js';
import { decodeAudioFile } from './audio-file-decoder.js';

export interface UrlAudioLoaderOptions {
  readonly cache: AudioCache;
  readonly limits?: FetchLimits;
  /** Relative plain paths are resolved against this directory; default the process's working directory. */
  readonly baseDirectory?: string;
  /**
   * Local files (`file:` URLs and paths) must lie inside this directory, symbolic links resolved, so that a scenario
   * cannot play arbitrary files of the host; default `baseDirectory`.
   */
  readonly fileRoot?: string;
}

/** How long a local file's checks (inside the media directory; size and modification time) are taken as still true. */
export const FILE_CHECK_TTL_MS = 1000;
const maxRememberedFiles = 1024;

export interface LoadedAudio {
  /** 8 kHz mono 16-bit PCM. */
  readonly samples: Int16Array;
  /** True when the audio came from the cache without reading or downloading the source. */
  readonly cached: boolean;
}

/**
 * Prepares the audio at a `file:`/`http:`/`https:` URL or a plain path: fetched within the limits, decoded,
 * converted to 8 kHz mono, and cached. Like VoxEngine, a URL's cache entry is keyed by the URL alone; a local file's
 * also by its size and modification time, so an edited file is picked up (within `FILE_CHECK_TTL_MS`: the checks of
 * a file, two realpaths and a stat, are reused that long, since every call of a busy IVR plays the same few files).
 */
export class UrlAudioLoader {
  private readonly limits: FetchLimits;
  private readonly checkedFiles = new Map<string, { key: string; checkedAtMs: number }>();

  constructor(private readonly options: UrlAudioLoaderOptions) {
    this.limits = options.limits ?? VOXENGINE_FETCH_LIMITS;
  }

  async load(url: string): Promise<LoadedAudio> {
    const location = parseAudioLocation(url, this.options.baseDirectory);
    const key = location.kind === 'file' ? await this.checkedFileKey(location.path) : `url:${location.url.href}`;
    return this.options.cache.getOrPrepare(key, async () => decodeAudioFile(await fetchAudioBytes(location, this.limits)));
  }

  private async assertInsideRoot(path: string): Promise<void> {
    const root = resolve(this.options.fileRoot ?? this.options.baseDirectory ?? process.cwd());
    const [realRoot, realPath] = await Promise.all([realpath(root).catch(() => root), realpath(path).catch(() => resolve(path))]);
    const inside = relative(realRoot, realPath);
    if (inside === '' || inside.startsWith('..') || isAbsolute(inside)) {
      throw new AudioSourceError('forbidden_path', `${path} is outside the media directory ${root}`);
    }
  }

  /** The cache key of a local file inside the media directory (throws `forbidden_path` for one outside it). */
  private async checkedFileKey(path: string): Promise<string> {
    const now = Date.now();
    const known = this.checkedFiles.get(path);
    if (known && now - known.checkedAtMs < FILE_CHECK_TTL_MS) return known.key;
    await this.assertInsideRoot(path);
    const info = await stat(path).catch(() => undefined);
    const key = `file:${path}:${info?.size ?? 0}:${info?.mtimeMs ?? 0}`;
    if (!info) return key;
    if (this.checkedFiles.size >= maxRememberedFiles) this.checkedFiles.clear();
    this.checkedFiles.set(path, { key, checkedAtMs: now });
    return key;
  }
}

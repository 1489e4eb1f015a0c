import { createHash } from 'node:crypto';
import { mkdir, readdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface AudioCacheOptions {
  /** Where prepared audio is kept; default `<os temp dir>/callscript-media-cache`. */
  readonly directory?: string;
  /** Entries older than this are prepared again; default two weeks, VoxEngine's cache lifetime. */
  readonly maxAgeMs?: number;
  /** Entries read back from disk are also kept in memory, the least recently used dropped beyond this; default 64 MiB. */
  readonly memoryBytes?: number;
}

export const DEFAULT_CACHE_DIRECTORY = join(tmpdir(), 'callscript-media-cache');
const TWO_WEEKS_MS = 14 * 24 * 3600 * 1000;
const DEFAULT_MEMORY_BYTES = 64 * 1024 * 1024;

interface MemoryEntry {
  samples: Int16Array;
  /** When the entry was stored on disk: it expires from memory when it would on disk. */
  storedAtMs: number;
}

/**
 * An on-disk cache of prepared audio (8 kHz mono 16-bit PCM, stored raw, little-endian) under a caller-chosen key:
 * a synthesized prompt keyed by its text and voice, a downloaded file by its URL. Entries are written to a temporary
 * name and renamed, so a reader never sees half an entry even when two sessions prepare the same prompt at once.
 *
 * What has been read back is also kept in memory (least recently used first out), so the prompt every call plays costs
 * no file system work after the first time: on the serve path a stat and a read per playback were a few percent of the
 * engine's CPU at 250 calls/s. The samples returned are shared and must not be written to.
 */
export class AudioCache {
  readonly directory: string;
  private readonly maxAgeMs: number;
  private readonly memoryLimit: number;
  private readonly memory = new Map<string, MemoryEntry>();
  private memoryBytes = 0;
  private hits = 0;
  private misses = 0;
  /** Preparations under way, so that two calls asking for the same new prompt at once synthesize it once. */
  private readonly inFlight = new Map<string, Promise<Int16Array>>();

  constructor(options: AudioCacheOptions = {}) {
    this.directory = options.directory ?? DEFAULT_CACHE_DIRECTORY;
    this.maxAgeMs = options.maxAgeMs ?? TWO_WEEKS_MS;
    this.memoryLimit = options.memoryBytes ?? DEFAULT_MEMORY_BYTES;
  }

  /** The prepared audio stored under `key`, or undefined when absent, expired or unreadable. */
  async get(key: string): Promise<Int16Array | undefined> {
    const remembered = this.fromMemory(key);
    if (remembered) {
      this.hits++;
      return remembered;
    }
    const path = this.pathFor(key);
    try {
      const info = await stat(path);
      if (Date.now() - info.mtimeMs > this.maxAgeMs || info.size % 2 !== 0) {
        this.misses++;
        return undefined;
      }
      const bytes = await readFile(path);
      this.hits++;
      const samples = new Int16Array(bytes.buffer, bytes.byteOffset, bytes.byteLength / 2).slice();
      this.remember(key, samples, info.mtimeMs);
      return samples;
    } catch {
      this.misses++;
      return undefined;
    }
  }

  async put(key: string, samples: Int16Array): Promise<void> {
    await mkdir(this.directory, { recursive: true });
    const path = this.pathFor(key);
    const temporary = `${path}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`;
    await writeFile(temporary, new Uint8Array(samples.buffer, samples.byteOffset, samples.byteLength));
    await rename(temporary, path);
  }

  /**
   * Returns the cached audio for `key`, or prepares, stores and returns it; concurrent requests for the same key share
   * one preparation. A failed store (a full disk) still returns the audio: the cache is an optimization.
   */
  async getOrPrepare(key: string, prepare: () => Promise<Int16Array>): Promise<{ samples: Int16Array; cached: boolean }> {
    const pending = this.inFlight.get(key);
    if (pending) return { samples: await pending, cached: false };
    const cached = await this.get(key);
    if (cached) return { samples: cached, cached: true };
    const again = this.inFlight.get(key);
    if (again) return { samples: await again, cached: false };
    const preparation = prepare().then(async (samples) => {
      await this.put(key, samples).catch(() => undefined);
      return samples;
    });
    this.inFlight.set(key, preparation);
    try {
      return { samples: await preparation, cached: false };
    } finally {
      this.inFlight.delete(key);
    }
  }

  /**
   * Deletes expired entries and temporary files left by a crash; returns how many files went. Meant for engine start
   * and a daily timer: the cache never deletes on the playback path.
   */
  async prune(): Promise<number> {
    const names = await readdir(this.directory).catch(() => [] as string[]);
    let removed = 0;
    for (const name of names) {
      if (!name.endsWith('.pcm') && !name.endsWith('.tmp')) continue;
      const path = join(this.directory, name);
      const info = await stat(path).catch(() => undefined);
      if (!info || Date.now() - info.mtimeMs <= (name.endsWith('.tmp') ? 3600_000 : this.maxAgeMs)) continue;
      await rm(path, { force: true });
      removed++;
    }
    return removed;
  }

  stats(): { hits: number; misses: number } {
    return { hits: this.hits, misses: this.misses };
  }

  /** Bytes of samples held in memory. */
  get memoryUsed(): number {
    return this.memoryBytes;
  }

  private fromMemory(key: string): Int16Array | undefined {
    const entry = this.memory.get(key);
    if (!entry) return undefined;
    this.memory.delete(key);
    if (Date.now() - entry.storedAtMs > this.maxAgeMs) {
      this.memoryBytes -= entry.samples.byteLength;
      return undefined;
    }
    this.memory.set(key, entry);
    return entry.samples;
  }

  private remember(key: string, samples: Int16Array, storedAtMs: number): void {
    if (samples.byteLength > this.memoryLimit) return;
    const previous = this.memory.get(key);
    if (previous) {
      this.memory.delete(key);
      this.memoryBytes -= previous.samples.byteLength;
    }
    this.memory.set(key, { samples, storedAtMs });
    this.memoryBytes += samples.byteLength;
    for (const [oldest, entry] of this.memory) {
      if (this.memoryBytes <= this.memoryLimit) break;
      this.memory.delete(oldest);
      this.memoryBytes -= entry.samples.byteLength;
    }
  }

  private pathFor(key: string): string {
    return join(this.directory, `${createHash('sha256').update(key).digest('hex')}.pcm`);
  }
}

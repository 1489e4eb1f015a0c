import { readFile, stat } from 'node:fs/promises';
import { isAbsolute, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { AudioSourceError } from './audio-source-error.js';

/** VoxEngine's limits for createURLPlayer/startPlayback: files up to 10 MB, downloaded within 12 s. */
export interface FetchLimits {
  readonly maxBytes: number;
  readonly timeoutMs: number;
}

export const VOXENGINE_FETCH_LIMITS: FetchLimits = { maxBytes: 10 * 1024 * 1024, timeoutMs: 12_000 };

export type AudioLocation = { readonly kind: 'file'; readonly path: string } | { readonly kind: 'http'; readonly url: URL };

/** Classifies what a scenario passed: `file:` URL, `http:`/`https:` URL, or a plain filesystem path. */
export function parseAudioLocation(location: string, baseDirectory = process.cwd()): AudioLocation {
  if (location.length === 0) throw new AudioSourceError('unsupported_url', 'empty audio URL');
  // A Windows drive letter or a bare path has no scheme of two or more letters.
  const scheme = /^([a-z][a-z0-9+.-]+):/i.exec(location)?.[1]?.toLowerCase();
  if (scheme === undefined) {
    return { kind: 'file', path: isAbsolute(location) ? location : resolve(baseDirectory, location) };
  }
  if (scheme === 'file') {
    try {
      return { kind: 'file', path: fileURLToPath(location) };
    } catch (error) {
      throw new AudioSourceError('unsupported_url', `invalid file URL ${location}`, { cause: error });
    }
  }
  if (scheme === 'http' || scheme === 'https') {
    try {
      return { kind: 'http', url: new URL(location) };
    } catch (error) {
      throw new AudioSourceError('unsupported_url', `invalid URL ${location}`, { cause: error });
    }
  }
  throw new AudioSourceError('unsupported_url', `unsupported URL scheme '${scheme}:' (use file:, http:, https: or a path)`);
}

/** Reads the bytes at `location`, enforcing the size limit everywhere and the time limit on downloads. */
export async function fetchAudioBytes(location: AudioLocation, limits: FetchLimits = VOXENGINE_FETCH_LIMITS): Promise<Uint8Array> {
  return location.kind === 'file' ? readLocalFile(location.path, limits) : download(location.url, limits);
}

async function readLocalFile(path: string, limits: FetchLimits): Promise<Uint8Array> {
  let size: number;
  try {
    const info = await stat(path);
    if (!info.isFile()) throw new AudioSourceError('not_found', `${path} is not a file`);
    size = info.size;
  } catch (error) {
    if (error instanceof AudioSourceError) throw error;
    throw new AudioSourceError('not_found', `cannot read ${path}: ${(error as Error).message}`, { cause: error });
  }
  if (size > limits.maxBytes) throw tooLarge(path, limits);
  return new Uint8Array(await readFile(path));
}

async function download(url: URL, limits: FetchLimits): Promise<Uint8Array> {
  const abort = new AbortController();
  const timer = setTimeout(() => abort.abort(), limits.timeoutMs);
  try {
    const response = await fetch(url, { signal: abort.signal, redirect: 'follow' });
    if (!response.ok) {
      await response.body?.cancel();
      const code = response.status === 404 || response.status === 410 ? 'not_found' : 'http_error';
      throw new AudioSourceError(code, `GET ${url.href} answered ${response.status} ${response.statusText}`);
    }
    const declared = Number(response.headers.get('content-length') ?? NaN);
    if (declared > limits.maxBytes) {
      await response.body?.cancel();
      throw tooLarge(url.href, limits);
    }
    return await readBody(response, url, limits);
  } catch (error) {
    if (error instanceof AudioSourceError) throw error;
    if (abort.signal.aborted) {
      throw new AudioSourceError('download_timeout', `GET ${url.href} did not complete within ${limits.timeoutMs} ms`);
    }
    throw new AudioSourceError('network_error', `GET ${url.href} failed: ${describe(error)}`, { cause: error });
  } finally {
    clearTimeout(timer);
  }
}

async function readBody(response: Response, url: URL, limits: FetchLimits): Promise<Uint8Array> {
  if (!response.body) return new Uint8Array(0);
  const chunks: Uint8Array[] = [];
  let total = 0;
  const reader = response.body.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    // A server may omit or understate Content-Length: the limit is enforced on what actually arrives.
    if (total > limits.maxBytes) {
      await reader.cancel();
      throw tooLarge(url.href, limits);
    }
    chunks.push(value);
  }
  const bytes = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return bytes;
}

function tooLarge(what: string, limits: FetchLimits): AudioSourceError {
  return new AudioSourceError('too_large', `${what} exceeds the ${limits.maxBytes}-byte limit`);
}

function describe(error: unknown): string {
  const cause = (error as { cause?: { code?: string; message?: string } }).cause;
  return cause?.code ?? cause?.message ?? (error as Error).message ?? String(error);
}

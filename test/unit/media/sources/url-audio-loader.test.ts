import { createServer, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { copyFileSync, mkdirSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AudioCache } from '../../../../engine/media/sources/audio-cache.js';
import { parseAudioLocation } from '../../../../engine/media/sources/audio-fetcher.js';
import { AudioSourceError } from '../../../../engine/media/sources/audio-source-error.js';
import { FILE_CHECK_TTL_MS, UrlAudioLoader } from '../../../../engine/media/sources/url-audio-loader.js';
import { scratchDirectory, soxSine } from './sox-fixtures.js';

const scratch = scratchDirectory();
const wavPath = join(scratch.path, 'tone.wav');
const wav = soxSine(wavPath, ['-r', '16000', '-b', '16', '-c', '1'], 1, 440);
const requests: string[] = [];
const openResponses = new Set<ServerResponse>();
let server: Server;
let base: string;

function route(path: string, response: ServerResponse): void {
  if (path === '/tone.wav') {
    response.writeHead(200, { 'content-type': 'audio/wav', 'content-length': wav.length });
    response.end(wav);
  } else if (path === '/big-declared.wav') {
    response.writeHead(200, { 'content-length': 2000 });
    response.end(Buffer.alloc(2000));
  } else if (path === '/big-chunked.wav') {
    // No Content-Length: the limit must hold on the bytes that arrive.
    response.writeHead(200, { 'content-type': 'audio/wav' });
    response.write(Buffer.alloc(800));
    response.end(Buffer.alloc(800));
  } else if (path === '/slow.wav') {
    openResponses.add(response);
    response.writeHead(200, { 'content-type': 'audio/wav' });
    response.write(wav.subarray(0, 100));
  } else if (path === '/redirect') {
    response.writeHead(302, { location: '/tone.wav' });
    response.end();
  } else if (path === '/text') {
    response.writeHead(200, { 'content-type': 'text/html' });
    response.end('<html>hello</html>');
  } else {
    response.writeHead(404);
    response.end();
  }
}

beforeAll(async () => {
  server = createServer((request, response) => {
    requests.push(request.url ?? '');
    route(request.url ?? '', response);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  for (const response of openResponses) response.destroy();
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
  scratch.dispose();
});

function loader(name: string, limits = { maxBytes: 1_000_000, timeoutMs: 2000 }): UrlAudioLoader {
  return new UrlAudioLoader({ cache: new AudioCache({ directory: join(scratch.path, name) }), limits, baseDirectory: scratch.path });
}

async function failure(promise: Promise<unknown>): Promise<AudioSourceError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AudioSourceError);
  return error as AudioSourceError;
}

describe('UrlAudioLoader', () => {
  it('downloads and decodes an http URL, then serves it from the cache without downloading again', async () => {
    const audio = loader('http-cache');
    const first = await audio.load(`${base}/tone.wav`);
    expect(first).toMatchObject({ cached: false });
    expect(first.samples.length).toBe(8000);
    const before = requests.filter((r) => r === '/tone.wav').length;
    const second = await audio.load(`${base}/tone.wav`);
    expect(second.cached).toBe(true);
    expect(second.samples).toEqual(first.samples);
    expect(requests.filter((r) => r === '/tone.wav').length).toBe(before);
  });

  it('follows redirects', async () => {
    expect((await loader('redirect').load(`${base}/redirect`)).samples.length).toBe(8000);
  });

  it('reads file: URLs, absolute paths and paths relative to the base directory', async () => {
    const audio = loader('files');
    expect((await audio.load(pathToFileURL(wavPath).href)).samples.length).toBe(8000);
    expect((await audio.load(wavPath)).samples.length).toBe(8000);
    expect((await audio.load('tone.wav')).cached).toBe(true);
  });

  it('plays an edited file once its checks are older than FILE_CHECK_TTL_MS, and the same file from memory until then', async () => {
    const dir = join(scratch.path, 'edited');
    mkdirSync(dir, { recursive: true });
    const prompt = join(dir, 'prompt.wav');
    copyFileSync(wavPath, prompt);
    const audio = new UrlAudioLoader({ cache: new AudioCache({ directory: join(scratch.path, 'edited-cache') }), baseDirectory: dir });
    expect((await audio.load('prompt.wav')).samples.length).toBe(8000);
    soxSine(prompt, ['-r', '8000', '-b', '16', '-c', '1'], 0.5, 440);
    // Within the TTL the checks are not repeated: the previous audio is played.
    expect((await audio.load('prompt.wav')).samples.length).toBe(8000);
    await new Promise((resolve) => setTimeout(resolve, FILE_CHECK_TTL_MS + 50));
    const edited = await audio.load('prompt.wav');
    expect(edited.samples.length).toBe(4000);
    expect(edited.cached).toBe(false);
  });

  it('refuses local files outside the media directory, also through a symbolic link', async () => {
    const audio = new UrlAudioLoader({ cache: new AudioCache({ directory: join(scratch.path, 'jail') }), baseDirectory: join(scratch.path, 'prompts') });
    mkdirSync(join(scratch.path, 'prompts'), { recursive: true });
    symlinkSync(wavPath, join(scratch.path, 'prompts', 'link.wav'));
    copyFileSync(wavPath, join(scratch.path, 'prompts', 'inside.wav'));
    expect((await audio.load('inside.wav')).samples.length).toBe(8000);
    expect((await failure(audio.load('../tone.wav'))).code).toBe('forbidden_path');
    expect((await failure(audio.load(wavPath))).code).toBe('forbidden_path');
    expect((await failure(audio.load(pathToFileURL('/etc/passwd').href))).code).toBe('forbidden_path');
    expect((await failure(audio.load('link.wav'))).code).toBe('forbidden_path');
  });

  it('refuses a file over the size limit, declared or not', async () => {
    const small = loader('limits', { maxBytes: 1000, timeoutMs: 2000 });
    expect((await failure(small.load(`${base}/big-declared.wav`))).code).toBe('too_large');
    expect((await failure(small.load(`${base}/big-chunked.wav`))).code).toBe('too_large');
    expect((await failure(small.load(wavPath))).code).toBe('too_large');
  });

  it('gives up on a download that does not finish within the timeout', async () => {
    const started = Date.now();
    const error = await failure(loader('timeout', { maxBytes: 1_000_000, timeoutMs: 300 }).load(`${base}/slow.wav`));
    expect(error.code).toBe('download_timeout');
    expect(Date.now() - started).toBeLessThan(5000);
  });

  it('reports missing files, HTTP errors, refused connections and non-audio content with their codes', async () => {
    const audio = loader('errors');
    expect((await failure(audio.load(`${base}/missing.wav`))).code).toBe('not_found');
    expect((await failure(audio.load(join(scratch.path, 'missing.wav')))).code).toBe('not_found');
    expect((await failure(audio.load('http://127.0.0.1:1/x.wav'))).code).toBe('network_error');
    expect((await failure(audio.load(`${base}/text`))).code).toBe('unsupported_format');
    expect((await failure(audio.load('ftp://example.org/x.wav'))).code).toBe('unsupported_url');
  });
});

describe('parseAudioLocation', () => {
  it('classifies URLs and paths', () => {
    expect(parseAudioLocation('https://example.org/a.mp3')).toMatchObject({ kind: 'http' });
    expect(parseAudioLocation('file:///tmp/a.wav')).toEqual({ kind: 'file', path: '/tmp/a.wav' });
    expect(parseAudioLocation('prompts/a.wav', '/srv')).toEqual({ kind: 'file', path: '/srv/prompts/a.wav' });
    expect(() => parseAudioLocation('')).toThrow(AudioSourceError);
  });
});

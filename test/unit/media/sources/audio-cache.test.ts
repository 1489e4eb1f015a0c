import { createHash } from 'node:crypto';
import { rmSync, utimesSync, writeFileSync } from 'node:fs';
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { AudioCache } from '../../../../engine/media/sources/audio-cache.js';
import { scratchDirectory } from './sox-fixtures.js';

const scratch = scratchDirectory();
afterAll(() => scratch.dispose());

describe('AudioCache', () => {
  it('stores and returns samples, counting hits and misses', async () => {
    const cache = new AudioCache({ directory: join(scratch.path, 'basic') });
    expect(await cache.get('prompt')).toBeUndefined();
    await cache.put('prompt', Int16Array.from([1, -2, 3]));
    expect(await cache.get('prompt')).toEqual(Int16Array.from([1, -2, 3]));
    expect(cache.stats()).toEqual({ hits: 1, misses: 1 });
  });

  it('treats entries older than the maximum age as absent, and prune() deletes them and stale temporary files', async () => {
    const directory = join(scratch.path, 'expiry');
    const cache = new AudioCache({ directory, maxAgeMs: 60_000 });
    await cache.put('old', Int16Array.from([1]));
    await cache.put('fresh', Int16Array.from([2]));
    writeFileSync(join(directory, 'crashed.tmp'), 'x');
    const longAgo = new Date(Date.now() - 2 * 3600_000);
    // Entries are stored under the SHA-256 of their key.
    utimesSync(join(directory, `${createHash('sha256').update('old').digest('hex')}.pcm`), longAgo, longAgo);
    utimesSync(join(directory, 'crashed.tmp'), longAgo, longAgo);
    expect(await cache.get('old')).toBeUndefined();
    expect(await cache.get('fresh')).toEqual(Int16Array.from([2]));
    expect(await cache.prune()).toBe(2);
    expect(await readdir(directory)).toEqual([`${createHash('sha256').update('fresh').digest('hex')}.pcm`]);
  });

  it('keeps what it read back in memory, the least recently used going first beyond the memory bound', async () => {
    const directory = join(scratch.path, 'memory');
    // Room for two entries of 100 samples.
    const cache = new AudioCache({ directory, memoryBytes: 400 });
    const samples = (value: number) => new Int16Array(100).fill(value);
    for (const [key, value] of [['a', 1], ['b', 2], ['c', 3]] as const) await cache.put(key, samples(value));
    expect((await cache.get('a'))![0]).toBe(1);
    expect((await cache.get('b'))![0]).toBe(2);
    expect(cache.memoryUsed).toBe(400);
    // Files gone: 'a' and 'b' still come from memory.
    rmSync(directory, { recursive: true });
    expect((await cache.get('a'))![0]).toBe(1);
    expect((await cache.get('b'))![0]).toBe(2);
    expect(await cache.get('c')).toBeUndefined();
    // 'c' read back from disk pushes out the least recently used ('a').
    await cache.put('c', samples(3));
    expect((await cache.get('c'))![0]).toBe(3);
    expect(cache.memoryUsed).toBe(400);
    rmSync(directory, { recursive: true });
    expect(await cache.get('a')).toBeUndefined();
    expect((await cache.get('b'))![0]).toBe(2);
    expect((await cache.get('c'))![0]).toBe(3);
  });
});

import { execFile, execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { Recorder } from '../../../../engine/media/recorder/recorder.js';
import type { RecorderOptions } from '../../../../engine/media/recorder/recorder-types.js';
import { ManualClock } from '../manual-clock.js';
import { componentAmplitude, rms } from '../sources/signal-analysis.js';
import { scratchDirectory, soxDecode, soxiDuration } from '../sources/sox-fixtures.js';

const run = promisify(execFile);
const scratch = scratchDirectory();
afterAll(() => scratch.dispose());

/** Generates 20 ms frames of a sine, phase-continuous across calls. */
function toneFrames(frequencyHz: number, amplitude = 8000): () => Int16Array {
  let n = 0;
  return () => {
    const frame = new Int16Array(160);
    for (let i = 0; i < 160; i++, n++) frame[i] = Math.round(amplitude * Math.sin((2 * Math.PI * frequencyHz * n) / 8000));
    return frame;
  };
}

function newRecorder(name: string, options: Partial<RecorderOptions> = {}): { recorder: Recorder; clock: ManualClock; path: string; events: string[] } {
  const clock = new ManualClock();
  const path = join(scratch.path, name);
  const recorder = new Recorder({ path, clock, ...options });
  const events: string[] = [];
  recorder.on('started', ({ url }) => events.push(`started ${url}`));
  recorder.on('stopped', ({ url, duration }) => events.push(`stopped ${url} ${duration}`));
  recorder.on('error', ({ error }) => events.push(`error ${error}`));
  return { recorder, clock, path, events };
}

/** Feeds both directions, one frame each per 20 ms of the manual clock. */
function feed(recorder: Recorder, clock: ManualClock, seconds: number, received?: () => Int16Array, sent?: () => Int16Array): void {
  for (let i = 0; i < seconds * 50; i++) {
    clock.advance(20);
    if (received) recorder.writeFrame(received(), 'received');
    if (sent) recorder.writeFrame(sent(), 'sent');
  }
}

/** One channel of a stereo file, extracted by sox's remix. */
function channel(path: string, index: 1 | 2): Int16Array {
  const out = join(scratch.path, `channel-${index}.wav`);
  execFileSync('sox', [path, out, 'remix', `${index}`]);
  return soxDecode(out);
}

describe('Recorder', () => {
  it('records both directions mixed into a mono 8 kHz MP3 at 32 kbps, reporting started and stopped with the duration', async () => {
    const { recorder, clock, path, events } = newRecorder('mixed.mp3');
    feed(recorder, clock, 3, toneFrames(440), toneFrames(1000));
    const result = await recorder.stop();
    expect(result).toEqual({ url: pathToFileURL(path).href, duration: 3 });
    expect(events).toEqual([`started ${result.url}`, `stopped ${result.url} 3`]);
    const info = (await run('soxi', [path])).stdout;
    expect(info).toMatch(/Channels\s+: 1/);
    expect(info).toMatch(/Sample Rate\s+: 8000/);
    expect(info).toMatch(/Bit Rate\s+: 32\.\dk/);
    expect(soxiDuration(path)).toBeGreaterThan(2.95);
    expect(soxiDuration(path)).toBeLessThan(3.2);
    const audio = soxDecode(path).subarray(4000, 20000);
    expect(componentAmplitude(audio, 8000, 440)).toBeGreaterThan(5000);
    expect(componentAmplitude(audio, 8000, 1000)).toBeGreaterThan(5000);
  });

  it('keeps the far end in the left channel and what is sent in the right with stereo WAV', async () => {
    const { recorder, clock, path } = newRecorder('stereo.wav', { format: 'wav', stereo: true });
    feed(recorder, clock, 2, toneFrames(440), toneFrames(1000));
    await recorder.stop();
    expect((await run('soxi', [path])).stdout).toMatch(/Channels\s+: 2/);
    expect(soxiDuration(path)).toBe(2);
    const left = channel(path, 1);
    const right = channel(path, 2);
    expect(componentAmplitude(left, 8000, 440)).toBeGreaterThan(7000);
    expect(componentAmplitude(left, 8000, 1000)).toBeLessThan(100);
    expect(componentAmplitude(right, 8000, 1000)).toBeGreaterThan(7000);
    expect(componentAmplitude(right, 8000, 440)).toBeLessThan(100);
  });

  it('records the whole call when only one direction carries audio, and silence after it stops', async () => {
    const { recorder, clock, path } = newRecorder('one-way.wav', { format: 'wav' });
    feed(recorder, clock, 2, toneFrames(440));
    clock.advance(1000);
    expect((await recorder.stop()).duration).toBe(3);
    const audio = soxDecode(path);
    expect(audio.length).toBe(24000);
    expect(rms(audio.subarray(0, 16000))).toBeGreaterThan(5000);
    expect(rms(audio.subarray(16400, 24000))).toBe(0);
  });

  it('places audio that resumes after a pause at the time it resumed', async () => {
    const { recorder, clock, path } = newRecorder('pause.wav', { format: 'wav' });
    const tone = toneFrames(440);
    feed(recorder, clock, 1, tone);
    clock.advance(1000);
    feed(recorder, clock, 1, tone);
    await recorder.stop();
    const audio = soxDecode(path);
    expect(audio.length).toBe(24000);
    expect(rms(audio.subarray(8400, 15600))).toBe(0);
    expect(rms(audio.subarray(16400, 23600))).toBeGreaterThan(5000);
  });

  it('absorbs network jitter: frames arriving in pairs every 40 ms follow each other without gaps', async () => {
    const { recorder, clock, path } = newRecorder('jitter.wav', { format: 'wav' });
    const tone = toneFrames(440);
    for (let i = 0; i < 50; i++) {
      clock.advance(40);
      recorder.writeFrame(tone(), 'received');
      recorder.writeFrame(tone(), 'received');
    }
    await recorder.stop();
    const audio = soxDecode(path);
    expect(audio.length).toBe(16000);
    // No frame-long hole anywhere in the two seconds.
    for (let i = 0; i + 160 <= 16000; i += 160) expect(rms(audio.subarray(i, i + 160))).toBeGreaterThan(4000);
  });

  it('writes silence while muted', async () => {
    const { recorder, clock, path } = newRecorder('muted.wav', { format: 'wav' });
    const tone = toneFrames(440);
    feed(recorder, clock, 1, tone);
    recorder.mute(true);
    feed(recorder, clock, 1, tone);
    recorder.mute(false);
    feed(recorder, clock, 1, tone);
    await recorder.stop();
    const audio = soxDecode(path);
    expect(rms(audio.subarray(8400, 15600))).toBe(0);
    expect(rms(audio.subarray(16400, 23600))).toBeGreaterThan(5000);
  });

  it('has a playable file holding everything up to the last flush before it is stopped', async () => {
    for (const format of ['wav', 'mp3'] as const) {
      const { recorder, clock, path } = newRecorder(`unfinished.${format}`, { format, flushIntervalMs: 500 });
      feed(recorder, clock, 2.1, toneFrames(440));
      await recorder.settled();
      // Flushed at 0.5, 1.0, 1.5 and 2.0 s, each time up to 200 ms behind real time; MP3 also holds back the
      // encoder's look-ahead (a couple of 72 ms frames at 8 kHz).
      expect(soxiDuration(path)).toBeGreaterThan(1.5);
      expect(rms(soxDecode(path).subarray(800, 12000))).toBeGreaterThan(5000);
      await recorder.stop();
      expect(soxiDuration(path)).toBeGreaterThan(2.05);
    }
  });

  it('leaves a playable file when the recording process is killed mid-way', async () => {
    const script = fileURLToPath(new URL('./record-then-die.ts', import.meta.url));
    for (const format of ['wav', 'mp3'] as const) {
      const path = join(scratch.path, `killed.${format}`);
      const outcome = await run(process.execPath, ['--import', 'tsx', script, path, format, '1.5']).then(
        () => 'exited',
        (error: { signal?: string }) => error.signal,
      );
      expect(outcome).toBe('SIGKILL');
      const progress = JSON.parse(readFileSync(`${path}.progress`, 'utf8')) as { fedSeconds: number; elapsedSeconds: number };
      const fed = progress.fedSeconds;
      const duration = soxiDuration(path);
      // The recording follows the wall clock (a late frame leaves silence before it), so it may be longer than what
      // was fed; it lacks at most what was not yet written: one flush interval (200 ms), the 200 ms holdback, and for
      // MP3 the encoder's look-ahead.
      expect(fed).toBeGreaterThanOrEqual(1.5);
      expect(duration).toBeGreaterThan(fed - 0.6);
      expect(duration).toBeLessThan(progress.elapsedSeconds + 0.1);
      const audio = soxDecode(path);
      const tone = audio.filter((s) => Math.abs(s) > 1000).length / 8000;
      expect(tone).toBeGreaterThan((fed - 0.6) * 0.8);
    }
  });

  it('is stopped once: stop() is idempotent, frames after it are ignored, close() silences the events', async () => {
    const { recorder, clock, events } = newRecorder('idempotent.mp3');
    feed(recorder, clock, 0.5, toneFrames(440));
    const first = recorder.stop();
    recorder.writeFrame(new Int16Array(160), 'received');
    expect(recorder.stop()).toBe(first);
    expect((await first).duration).toBe(0.5);
    recorder.close();
    expect(events).toHaveLength(2);
    expect(clock.pendingTimers).toBe(0);

    const quiet = newRecorder('closed.mp3');
    feed(quiet.recorder, quiet.clock, 0.2, toneFrames(440));
    quiet.recorder.close();
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(quiet.events).toEqual([]);
    expect(existsSync(quiet.path)).toBe(true);
  });

  it('reports a file that cannot be created as an error, with no started', async () => {
    const { recorder, events } = newRecorder('no-such-dir/x.mp3');
    await expect(recorder.stop()).rejects.toMatchObject({ code: 'write_failed' });
    expect(events).toHaveLength(1);
    expect(events[0]).toMatch(/^error cannot write .*no-such-dir/);
    expect(recorder.state).toBe('failed');
  });
});

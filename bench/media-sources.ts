/**
 * Media sources benchmark (issue 4, playback and recording): what preparing and recording audio costs, so that an
 * operator can size a node. Each figure is CPU time of this process for one unit of work, measured after a warm-up:
 *   - resample: 44.1 kHz -> 8 kHz windowed-sinc, per second of audio;
 *   - MP3 decode (mpg123 in WebAssembly) of a 44.1 kHz stereo file, per second of audio, resampling included;
 *   - TTS: espeak-ng synthesis of one sentence (wall time, a child process), and the same prompt from the cache;
 *   - tone generation (two-component ringback), per second of audio;
 *   - recording: MP3 (lamejs, 8 kHz 32 kbps) and WAV, per second of recorded call audio, i.e. the share of one core
 *     that one recording takes.
 *
 * Run: node --import tsx bench/media-sources.ts
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Clock } from '../engine/clock.js';
import { Recorder } from '../engine/media/recorder/recorder.js';
import type { RecordingFormat } from '../engine/media/recorder/recorder-types.js';
import { AudioCache } from '../engine/media/sources/audio-cache.js';
import { decodeAudioFile } from '../engine/media/sources/audio-file-decoder.js';
import { progressToneScript } from '../engine/media/sources/progress-tones.js';
import { resample } from '../engine/media/sources/resampler.js';
import { parseToneScript } from '../engine/media/sources/tone-script.js';
import { ToneStream } from '../engine/media/sources/tone-stream.js';
import { EspeakProvider } from '../engine/media/tts/espeak-provider.js';
import { SpeechSynthesizer } from '../engine/media/tts/speech-synthesizer.js';

const dir = mkdtempSync(join(tmpdir(), 'callscript-bench-media-'));

function cpuMs(): number {
  const usage = process.cpuUsage();
  return (usage.user + usage.system) / 1000;
}

/** CPU ms per call of `work`, after `warmup` unmeasured calls. */
async function measure(work: () => unknown, repeat: number, warmup = 2): Promise<number> {
  for (let i = 0; i < warmup; i++) await work();
  const start = cpuMs();
  for (let i = 0; i < repeat; i++) await work();
  return (cpuMs() - start) / repeat;
}

/** A clock the benchmark moves by hand, so recording runs as fast as the CPU allows. */
class SteppedClock implements Clock {
  time = 0;
  private timers = new Map<number, { at: number; callback: () => void }>();
  private next = 1;
  now = (): number => this.time;
  setTimer(callback: () => void, delayMs: number): { id: number } {
    const id = this.next++;
    this.timers.set(id, { at: this.time + delayMs, callback });
    return { id };
  }
  clearTimer(handle: { id: number }): void {
    this.timers.delete(handle.id);
  }
  advance(ms: number): void {
    this.time += ms;
    for (const [id, timer] of [...this.timers]) {
      if (timer.at <= this.time) {
        this.timers.delete(id);
        timer.callback();
      }
    }
  }
}

async function recordingCost(format: RecordingFormat, seconds: number): Promise<number> {
  const clock = new SteppedClock();
  const frame = Int16Array.from({ length: 160 }, (_, i) => Math.round(8000 * Math.sin(i / 3)));
  const noise = Int16Array.from({ length: 160 }, () => Math.round((Math.random() - 0.5) * 2000));
  const run = async (): Promise<void> => {
    const recorder = new Recorder({ path: join(dir, `bench.${format}`), format, clock });
    for (let i = 0; i < seconds * 50; i++) {
      clock.advance(20);
      recorder.writeFrame(frame, 'received');
      recorder.writeFrame(noise, 'sent');
    }
    await recorder.stop();
  };
  return (await measure(run, 3, 1)) / seconds;
}

async function main(): Promise<void> {
  const rows: [string, string][] = [];
  const input = Float32Array.from({ length: 44100 * 10 }, (_, i) => Math.sin(i / 7));
  rows.push(['resample 44.1 -> 8 kHz', `${((await measure(() => resample(input, 44100, 8000), 5)) / 10).toFixed(2)} ms CPU per s of audio`]);

  const mp3Path = join(dir, 'music.mp3');
  execFileSync('sox', ['-n', '-r', '44100', '-c', '2', mp3Path, 'synth', '30', 'sine', '300-3000', 'vol', '0.5']);
  const mp3 = new Uint8Array(readFileSync(mp3Path));
  rows.push(['MP3 decode 44.1 kHz stereo -> 8 kHz mono', `${((await measure(() => decodeAudioFile(mp3), 3, 1)) / 30).toFixed(2)} ms CPU per s of audio`]);

  const tone = new ToneStream(parseToneScript(progressToneScript('US')));
  const toneFrame = new Int16Array(8000);
  rows.push(['tone generation (US ringback)', `${(await measure(() => tone.read(toneFrame), 20)).toFixed(2)} ms CPU per s of audio`]);

  const speech = new SpeechSynthesizer({ provider: new EspeakProvider(), cache: new AudioCache({ directory: join(dir, 'cache') }) });
  const text = 'Thank you for calling. All our operators are busy. Please stay on the line.';
  let started = performance.now();
  const { samples } = await speech.synthesize({ text, voice: { language: 'en-US' } });
  rows.push([`TTS espeak-ng, ${(samples.length / 8000).toFixed(1)} s prompt`, `${(performance.now() - started).toFixed(0)} ms wall, uncached`]);
  started = performance.now();
  await speech.synthesize({ text, voice: { language: 'en-US' } });
  rows.push(['TTS same prompt', `${(performance.now() - started).toFixed(1)} ms wall, from the disk cache`]);

  for (const format of ['wav', 'mp3'] as const) {
    const perSecond = await recordingCost(format, 20);
    rows.push([`recording ${format}, both directions, mono`, `${perSecond.toFixed(2)} ms CPU per s of call (${(perSecond / 10).toFixed(2)} % of a core per recording)`]);
  }

  console.log(`node ${process.version}, load average ${loadavg().map((l) => l.toFixed(1)).join(' ')}`);
  const width = Math.max(...rows.map(([name]) => name.length));
  for (const [name, value] of rows) console.log(`${name.padEnd(width)}  ${value}`);
  rmSync(dir, { recursive: true, force: true });
}

await main();

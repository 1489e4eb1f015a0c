import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createPlaybackSources } from '../../../../engine/media/player/playback-setup.js';
import { Player } from '../../../../engine/media/player/player.js';
import type { PlaybackRequest } from '../../../../engine/media/player/player-types.js';
import { activeFraction, componentAmplitude } from '../sources/signal-analysis.js';
import { scratchDirectory, soxSine } from '../sources/sox-fixtures.js';
import { ManualTicker, settle } from './manual-ticker.js';

const scratch = scratchDirectory();
afterAll(() => scratch.dispose());
const sources = createPlaybackSources({ cacheDirectory: join(scratch.path, 'cache'), baseDirectory: scratch.path });

/** Plays a request for up to `maxFrames` ticks; returns the events and the audio sent. */
async function playOut(request: PlaybackRequest, maxFrames: number): Promise<{ events: string[]; audio: Int16Array }> {
  const ticker = new ManualTicker();
  const player = new Player({ sources, ticker });
  const events: string[] = [];
  player.on('ready', () => events.push('ready'));
  player.on('started', ({ duration }) => events.push(`started ${duration}`));
  player.on('finished', ({ error }) => events.push(error === undefined ? 'finished' : `finished ${error}`));
  const prepared = new Promise<unknown>((resolve) => player.once('ready', resolve).once('finished', resolve));
  player.play(request);
  await prepared;
  await settle();
  const audio: number[] = [];
  for (let i = 0; i < maxFrames && !events.some((e) => e.startsWith('finished')); i++) {
    ticker.tick();
    const frame = player.readFrame();
    if (frame) audio.push(...frame);
    await settle();
  }
  player.close();
  return { events, audio: Int16Array.from(audio) };
}

describe('Player with the engine sources', () => {
  it('says a sentence with espeak-ng: started carries its duration, and that much speech goes out', async () => {
    const { events, audio } = await playOut({ kind: 'tts', text: 'Please leave a message after the tone.', voice: { language: 'en-US' } }, 500);
    expect(events[0]).toBe('ready');
    const duration = Number(events[1]!.split(' ')[1]);
    expect(duration).toBeGreaterThan(1.5);
    expect(events[2]).toBe('finished');
    expect(audio.length).toBe(Math.ceil((duration * 8000) / 160) * 160);
    expect(activeFraction(audio)).toBeGreaterThan(0.5);
  });

  it('plays a WAV file by path', async () => {
    const path = join(scratch.path, 'beep.wav');
    soxSine(path, ['-r', '44100', '-b', '16', '-c', '2'], 0.5, 1000);
    const { events, audio } = await playOut({ kind: 'url', url: path }, 100);
    expect(events).toEqual(['ready', 'started 0.5', 'finished']);
    expect(componentAmplitude(audio.subarray(400, 3600), 8000, 1000)).toBeGreaterThan(14_000);
  });

  it("plays the US ringback (440 + 480 Hz, 2 s on) as an endless tone with duration -1", async () => {
    const { events, audio } = await playOut({ kind: 'progressTone', country: 'US' }, 150);
    expect(events).toEqual(['ready', 'started -1']);
    const ringing = audio.subarray(0, 16000);
    const pause = audio.subarray(16000, 24000);
    expect(componentAmplitude(ringing, 8000, 440)).toBeGreaterThan(2000);
    expect(componentAmplitude(ringing, 8000, 480)).toBeGreaterThan(2000);
    expect(pause.every((s) => s === 0)).toBe(true);
  });

  it('reports a bad tone script, a missing file and too long a text as finished with an error', async () => {
    expect((await playOut({ kind: 'toneScript', script: '440@-19;(1/1/1)' }, 5)).events).toEqual([
      expect.stringMatching(/^finished invalid_tone_script: /),
    ]);
    expect((await playOut({ kind: 'url', url: join(scratch.path, 'missing.mp3') }, 5)).events).toEqual([
      expect.stringMatching(/^finished not_found: /),
    ]);
    expect((await playOut({ kind: 'tts', text: 'x'.repeat(1501), voice: { language: 'en-US' } }, 5)).events).toEqual([
      expect.stringMatching(/^finished text_too_long: /),
    ]);
  });
});

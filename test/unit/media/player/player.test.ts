import { describe, expect, it } from 'vitest';
import { Player } from '../../../../engine/media/player/player.js';
import type { PlaybackSources } from '../../../../engine/media/player/playback-sources.js';
import type { PlaybackRequest, PlayerEvents } from '../../../../engine/media/player/player-types.js';
import { AudioSourceError } from '../../../../engine/media/sources/audio-source-error.js';
import { ClipStream } from '../../../../engine/media/sources/clip-stream.js';
import type { PcmStream } from '../../../../engine/media/sources/pcm-stream.js';
import { ManualTicker, settle } from './manual-ticker.js';

/** Samples 1, 2, 3, ... so every frame's position in the clip can be read off its first sample. */
function ramp(length: number): Int16Array {
  return Int16Array.from({ length }, (_, i) => (i % 30000) + 1);
}

class FakeSources implements PlaybackSources {
  readonly pending: Array<{ request: PlaybackRequest; resolve: (s: PcmStream) => void; reject: (e: unknown) => void }> = [];
  prepare(request: PlaybackRequest): Promise<PcmStream> {
    return new Promise((resolve, reject) => this.pending.push({ request, resolve, reject }));
  }
}

function recordEvents(player: Player): string[] {
  const log: string[] = [];
  const names: (keyof PlayerEvents)[] = ['ready', 'started', 'finished', 'marker'];
  for (const name of names) player.on(name, (payload) => log.push(`${name}${Object.keys(payload).length ? ` ${JSON.stringify(payload)}` : ''}`));
  return log;
}

function setup(): { player: Player; ticker: ManualTicker; sources: FakeSources; events: string[] } {
  const ticker = new ManualTicker();
  const sources = new FakeSources();
  const player = new Player({ sources, ticker });
  return { player, ticker, sources, events: recordEvents(player) };
}

const url: PlaybackRequest = { kind: 'url', url: 'file:///prompt.wav' };

describe('Player', () => {
  it('reports ready, started with the duration, then finished, sending every sample once in 20 ms frames', async () => {
    const { player, ticker, sources, events } = setup();
    player.play(url);
    expect(player.readFrame()).toBeNull();
    sources.pending[0]!.resolve(new ClipStream(ramp(400)));
    await settle();
    expect(events).toEqual(['ready']);
    const firsts: number[] = [];
    for (let i = 0; i < 5; i++) {
      ticker.tick();
      firsts.push(player.readFrame()?.[0] ?? 0);
      await settle();
    }
    // 400 samples: two whole frames and a half one padded with silence, then nothing.
    expect(firsts).toEqual([1, 161, 321, 0, 0]);
    expect(events).toEqual(['ready', 'started {"duration":0.05}', 'finished']);
    expect(player.state).toBe('idle');
    expect(ticker.streams.size).toBe(0);
  });

  it('pads the last partial frame with silence', async () => {
    const { player, ticker, sources } = setup();
    player.play(url);
    sources.pending[0]!.resolve(new ClipStream(ramp(200)));
    await settle();
    ticker.tick();
    ticker.tick();
    const last = player.readFrame()!;
    expect(last[39]).toBe(200);
    expect(last.subarray(40).every((s) => s === 0)).toBe(true);
  });

  it('stop() ends playback without finished and sends nothing more', async () => {
    const { player, ticker, sources, events } = setup();
    player.play(url);
    sources.pending[0]!.resolve(new ClipStream(ramp(8000)));
    await settle();
    ticker.tick();
    player.stop();
    expect(player.readFrame()).toBeNull();
    for (let i = 0; i < 60; i++) ticker.tick();
    await settle();
    expect(events).toEqual(['ready', 'started {"duration":1}']);
    expect(ticker.streams.size).toBe(0);
  });

  it('stop() from a ready listener leaves nothing scheduled', async () => {
    const { player, ticker, sources, events } = setup();
    player.on('ready', () => player.stop());
    player.play(url);
    sources.pending[0]!.resolve(new ClipStream(ramp(1600)));
    await settle();
    ticker.tick();
    await settle();
    expect(events).toEqual(['ready']);
    expect(ticker.streams.size).toBe(0);
    expect(player.readFrame()).toBeNull();
  });

  it('stop() during preparation drops the late preparation silently', async () => {
    const { player, sources, events } = setup();
    player.play(url);
    player.stop();
    sources.pending[0]!.resolve(new ClipStream(ramp(160)));
    await settle();
    expect(events).toEqual([]);
    expect(player.state).toBe('idle');
  });

  it('a new play() replaces the current one: only the new source is reported and heard', async () => {
    const { player, ticker, sources, events } = setup();
    player.play(url);
    sources.pending[0]!.resolve(new ClipStream(ramp(8000)));
    await settle();
    ticker.tick();
    player.play({ kind: 'url', url: 'file:///second.wav' });
    expect(player.readFrame()).toBeNull();
    sources.pending[1]!.resolve(new ClipStream(new Int16Array(160).fill(-7)));
    await settle();
    ticker.tick();
    expect(player.readFrame()![0]).toBe(-7);
    ticker.tick();
    await settle();
    expect(events).toEqual(['ready', 'started {"duration":1}', 'ready', 'started {"duration":0.02}', 'finished']);
  });

  it('loops a source seamlessly and never finishes', async () => {
    const { player, ticker, sources, events } = setup();
    player.play({ ...url, loop: true });
    sources.pending[0]!.resolve(new ClipStream(ramp(100)));
    await settle();
    const heard: number[] = [];
    for (let i = 0; i < 10; i++) {
      ticker.tick();
      heard.push(...player.readFrame()!);
    }
    await settle();
    expect(heard).toEqual(Array.from({ length: 1600 }, (_, i) => (i % 100) + 1));
    expect(events).toEqual(['ready', 'started {"duration":0.0125}']);
  });

  it('holds its position while paused and goes on after resume', async () => {
    const { player, ticker, sources } = setup();
    player.play(url);
    sources.pending[0]!.resolve(new ClipStream(ramp(1600)));
    await settle();
    ticker.tick();
    player.pause();
    ticker.tick();
    ticker.tick();
    expect(player.readFrame()).toBeNull();
    player.resume();
    ticker.tick();
    expect(player.readFrame()![0]).toBe(161);
  });

  it('created paused (onPause), it reports ready but starts only on resume', async () => {
    const { player, ticker, sources, events } = setup();
    player.pause();
    player.play(url);
    sources.pending[0]!.resolve(new ClipStream(ramp(1600)));
    await settle();
    ticker.tick();
    await settle();
    expect(events).toEqual(['ready']);
    player.resume();
    ticker.tick();
    await settle();
    expect(events).toEqual(['ready', 'started {"duration":0.2}']);
    expect(player.readFrame()![0]).toBe(1);
  });

  it('reports a source that cannot be prepared as finished with the error code, without ready or started', async () => {
    const { player, sources, events } = setup();
    player.play(url);
    sources.pending[0]!.reject(new AudioSourceError('not_found', 'cannot read /prompt.wav'));
    await settle();
    expect(events).toEqual(['finished {"error":"not_found: cannot read /prompt.wav"}']);
    expect(player.state).toBe('idle');
  });

  it('reports a sources implementation that throws at once as finished with the error', async () => {
    const ticker = new ManualTicker();
    const player = new Player({
      sources: {
        prepare: () => {
          throw new Error('no such backend');
        },
      },
      ticker,
    });
    const events = recordEvents(player);
    expect(() => player.play(url)).not.toThrow();
    await settle();
    expect(events).toEqual(['finished {"error":"playback_failed: no such backend"}']);
  });

  it('advances once per tick however many units read it', async () => {
    const { player, ticker, sources } = setup();
    player.play(url);
    sources.pending[0]!.resolve(new ClipStream(ramp(1600)));
    await settle();
    ticker.tick();
    expect([player.readFrame()![0], player.readFrame()![0], player.readFrame()![0]]).toEqual([1, 1, 1]);
    ticker.tick();
    expect(player.readFrame()![0]).toBe(161);
  });

  it('reports markers from the start and from the end once per pass', async () => {
    const { player, ticker, sources, events } = setup();
    player.addMarker(50);
    player.addMarker(-40);
    player.play(url);
    sources.pending[0]!.resolve(new ClipStream(ramp(1600)));
    await settle();
    for (let i = 0; i < 11; i++) ticker.tick();
    await settle();
    expect(events).toEqual(['ready', 'started {"duration":0.2}', 'marker {"offsetMs":50}', 'marker {"offsetMs":-40}', 'finished']);
  });

  it('survives a throwing listener, and close() is idempotent and final', async () => {
    const errors: unknown[] = [];
    const ticker = new ManualTicker();
    const sources = new FakeSources();
    const player = new Player({ sources, ticker, onListenerError: (error) => errors.push(error) });
    const events = recordEvents(player);
    player.on('ready', () => {
      throw new Error('scenario bug');
    });
    player.play(url);
    sources.pending[0]!.resolve(new ClipStream(ramp(160)));
    await settle();
    ticker.tick();
    await settle();
    expect(events).toEqual(['ready', 'started {"duration":0.02}']);
    expect(errors).toHaveLength(1);
    player.close();
    player.close();
    expect(player.state).toBe('closed');
    expect(ticker.streams.size).toBe(0);
    expect(player.readFrame()).toBeNull();
    expect(() => player.play(url)).toThrow(expect.objectContaining({ code: 'player_closed' }));
    player.stop();
  });
});

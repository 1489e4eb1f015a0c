import { describe, expect, it } from 'vitest';
import { FrameScheduler, type PacedStream } from '../../../../engine/media/pacing/frame-scheduler.js';
import type { PlaybackSources } from '../../../../engine/media/player/playback-sources.js';
import { Player } from '../../../../engine/media/player/player.js';
import { ClipStream } from '../../../../engine/media/sources/clip-stream.js';
import { ManualClock } from '../manual-clock.js';
import { settle } from './manual-ticker.js';

/** Stands in for an RTP endpoint: paced by the scheduler, it pulls the player's frame once per period. */
class Reader implements PacedStream {
  readonly firsts: number[] = [];
  constructor(private readonly player: Player) {}
  onTick = (): void => {
    const frame = this.player.readFrame();
    if (frame) this.firsts.push(frame[0]!);
  };
}

describe('Player on the engine frame scheduler', () => {
  it('plays in real time to several readers: each hears every frame once, in order', async () => {
    const clock = new ManualClock();
    const scheduler = new FrameScheduler(clock);
    const clip = Int16Array.from({ length: 8000 }, (_, i) => i + 1);
    const sources: PlaybackSources = { prepare: async () => new ClipStream(clip) };
    const player = new Player({ sources, ticker: scheduler });
    const readers = [new Reader(player), new Reader(player), new Reader(player)];
    for (const reader of readers) scheduler.add(reader);
    const finished = new Promise((resolve) => player.once('finished', resolve));
    player.play({ kind: 'url', url: 'clip.wav' });
    await settle();
    for (let i = 0; i < 60; i++) clock.advance(20);
    await finished;
    const frames = Array.from({ length: 50 }, (_, i) => i * 160 + 1);
    for (const reader of readers) {
      // A reader paced before the player in the period hears each frame one period later; none is lost or doubled.
      expect(reader.firsts).toEqual(frames);
    }
    expect(scheduler.streamCount).toBe(3);
    player.close();
    scheduler.close();
    expect(clock.pendingTimers).toBe(0);
  });
});

import type { PacedStream } from '../../../../engine/media/pacing/frame-scheduler.js';
import type { FrameTicker } from '../../../../engine/media/player/player-types.js';

/** A FrameTicker the test advances by hand, one 20 ms period per `tick()`. */
export class ManualTicker implements FrameTicker {
  readonly streams = new Set<PacedStream>();
  private frameIndex = 0;

  add(stream: PacedStream): void {
    this.streams.add(stream);
  }

  remove(stream: PacedStream): void {
    this.streams.delete(stream);
  }

  tick(): void {
    const index = this.frameIndex++;
    for (const stream of [...this.streams]) stream.onTick(index, index * 20);
  }
}

/** Lets promise callbacks and queued microtasks run. */
export async function settle(): Promise<void> {
  for (let i = 0; i < 5; i++) await new Promise<void>((resolve) => setImmediate(resolve));
}

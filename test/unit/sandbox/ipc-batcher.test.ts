import { describe, expect, it } from 'vitest';
import { IpcBatcher } from '../../../engine/sandbox/ipc-batcher.js';

const nextIteration = () => new Promise((resolve) => setImmediate(resolve));

describe('IpcBatcher', () => {
  it('sends what one loop iteration pushed, promise continuations included, as one batch, in order', async () => {
    const sent: number[][] = [];
    const batcher = new IpcBatcher<number>((batch) => sent.push(batch));
    batcher.push(1);
    batcher.push(2);
    await Promise.resolve();
    batcher.push(3);
    expect(sent).toEqual([]);
    await nextIteration();
    batcher.push(4);
    await nextIteration();
    expect(sent).toEqual([[1, 2, 3], [4]]);
  });

  it('flushes on demand and never sends an empty batch', async () => {
    const sent: string[][] = [];
    const batcher = new IpcBatcher<string>((batch) => sent.push(batch));
    batcher.push('a');
    batcher.flush();
    batcher.flush();
    await nextIteration();
    expect(sent).toEqual([['a']]);
  });
});

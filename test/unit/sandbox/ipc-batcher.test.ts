import { describe, expect, it } from 'vitest';
import { IpcBatcher } from '../../../engine/sandbox/ipc-batcher.js';

describe('IpcBatcher', () => {
  it('sends the messages of one turn as one batch, in order, and the next turn\'s as another', async () => {
    const sent: number[][] = [];
    const batcher = new IpcBatcher<number>((batch) => sent.push(batch));
    batcher.push(1);
    batcher.push(2);
    batcher.push(3);
    expect(sent).toEqual([]);
    await Promise.resolve();
    batcher.push(4);
    await new Promise((resolve) => setImmediate(resolve));
    expect(sent).toEqual([[1, 2, 3], [4]]);
  });

  it('flushes on demand and never sends an empty batch', async () => {
    const sent: string[][] = [];
    const batcher = new IpcBatcher<string>((batch) => sent.push(batch));
    batcher.push('a');
    batcher.flush();
    batcher.flush();
    await new Promise((resolve) => setImmediate(resolve));
    expect(sent).toEqual([['a']]);
  });
});

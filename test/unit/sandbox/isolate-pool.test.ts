import { afterEach, describe, expect, it } from 'vitest';
import { IsolateFactory } from '../../../engine/sandbox/isolate-factory.js';
import { IsolatePool } from '../../../engine/sandbox/isolate-pool.js';
import { testPreludeSource } from './support/sandbox-fixtures.js';

const turn = () => new Promise<void>((resolve) => setImmediate(resolve));
const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

describe('IsolatePool', () => {
  const factory = new IsolateFactory(testPreludeSource);
  let pool: IsolatePool | undefined;
  afterEach(() => pool?.close());

  it('keeps the isolates that a burst of sessions gave back, and disposes those no start needed for an interval', async () => {
    pool = new IsolatePool(factory, 1, 16, 32, 40);
    const burst = Array.from({ length: 6 }, () => pool!.take(16));
    for (const isolate of burst) pool.recycle(isolate);
    expect(pool.idleCount).toBeGreaterThanOrEqual(6);
    // One interval sets the low-water mark, the next disposes what stayed unused, down to the pool's size.
    const deadline = Date.now() + 5_000;
    while (pool.idleCount > 1 && Date.now() < deadline) await sleep(20);
    expect(pool.idleCount).toBe(1);
    expect(burst.filter((isolate) => isolate.disposed).length).toBeGreaterThanOrEqual(5);
  });

  it('renews a returned isolate for the next take instead of making a new one', async () => {
    pool = new IsolatePool(factory, 1, 16);
    await turn();
    await turn();
    const created = factory.created;
    const first = pool.take(16);
    pool.recycle(first);
    expect(pool.take(16)).toBe(first);
    expect(first.contexts).toBe(2);
    expect(factory.created).toBe(created);
  });

  it('refills after the other work of the turn that took an isolate, not before it', async () => {
    pool = new IsolatePool(factory, 1, 16);
    await turn();
    await turn();
    expect(pool.idleCount).toBe(1);
    const order: string[] = [];
    pool.take(16);
    // Queued after the take, as a worker queues the IPC batch with the session's first commands.
    setImmediate(() => order.push(`flush with ${pool!.idleCount} ready`));
    await turn();
    await turn();
    order.push(`then ${pool.idleCount} ready`);
    expect(order).toEqual(['flush with 0 ready', 'then 1 ready']);
  });

  it('disposes instead of keeping an isolate of another memory limit or one that served its sessions', () => {
    pool = new IsolatePool(factory, 0, 16, 1);
    const other = pool.take(32);
    pool.recycle(other);
    expect(other.disposed).toBe(true);
    const used = pool.take(16);
    pool.recycle(used);
    expect(used.disposed).toBe(true);
  });

  it('gives each isolate a number of sessions between half of sessionsPerIsolate and all of it', () => {
    const sessionsServed = (random: number): number => {
      pool?.close();
      pool = new IsolatePool(factory, 0, 16, 8, 10_000, () => random);
      const isolate = pool.take(16);
      let sessions = 1;
      for (;;) {
        pool.recycle(isolate);
        if (isolate.disposed) return sessions;
        expect(pool.take(16)).toBe(isolate);
        sessions++;
      }
    };
    expect(sessionsServed(0)).toBe(4);
    expect(sessionsServed(0.5)).toBe(6);
    expect(sessionsServed(0.999)).toBe(8);
  });
});

import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { PreludeHarness } from './prelude-harness.js';

describe('scenario timers', () => {
  let h: PreludeHarness;
  beforeEach(() => {
    h = new PreludeHarness();
  });
  afterEach(() => h.dispose());

  it('setTimeout sends timer.set and runs the callback with its arguments when the host fires it, once', () => {
    h.run(`globalThis.got = []; globalThis.id = setTimeout((a, b) => got.push(a + b), 1500, 2, 3);`);
    expect(h.take()).toEqual([{ op: 'timer.set', timerId: 1, delayMs: 1500, repeat: false }]);
    h.deliver({ type: 'timer', timerId: 1 });
    h.deliver({ type: 'timer', timerId: 1 });
    expect(h.value('got')).toEqual([5]);
  });

  it('setTimeout without a valid delay uses 0', () => {
    h.run(`setTimeout(() => {}); setTimeout(() => {}, -5); setTimeout(() => {}, 'soon');`);
    expect(h.take().map((c) => (c.op === 'timer.set' ? c.delayMs : -1))).toEqual([0, 0, 0]);
  });

  it('setInterval repeats and raises periods under 100 ms to 100 ms', () => {
    h.run(`globalThis.n = 0; setInterval(() => n++, 20);`);
    expect(h.take()).toEqual([{ op: 'timer.set', timerId: 1, delayMs: 100, repeat: true }]);
    h.deliver({ type: 'timer', timerId: 1 });
    h.deliver({ type: 'timer', timerId: 1 });
    expect(h.value('n')).toBe(2);
  });

  it('clearTimeout and clearInterval send timer.clear once, and the callback no longer runs', () => {
    h.run(`globalThis.n = 0; const a = setTimeout(() => n++, 10); const b = setInterval(() => n++, 200);
           clearTimeout(a); clearInterval(b); clearTimeout(a); clearTimeout(999); clearTimeout('x');`);
    expect(h.take().slice(2)).toEqual([{ op: 'timer.clear', timerId: 1 }, { op: 'timer.clear', timerId: 2 }]);
    h.deliver({ type: 'timer', timerId: 1 });
    h.deliver({ type: 'timer', timerId: 2 });
    expect(h.value('n')).toBe(0);
  });

  it('allows 100 active timers; a fired one-shot timer frees its place', () => {
    h.run(`for (let i = 0; i < 100; i++) setTimeout(() => {}, 1000);`);
    expect(() => h.run(`setTimeout(() => {}, 1)`)).toThrow("setTimeout: the session already has 100 active timers, VoxEngine's limit");
    h.deliver({ type: 'timer', timerId: 1 });
    h.run(`setInterval(() => {}, 1000)`);
  });

  it('a timer callback may schedule the next one', () => {
    h.run(`globalThis.n = 0; const tick = () => { n++; if (n < 3) setTimeout(tick, 10); }; setTimeout(tick, 10);`);
    for (const id of [1, 2, 3]) h.deliver({ type: 'timer', timerId: id });
    expect(h.value('n')).toBe(3);
  });

  it('rejects a callback that is not a function', () => {
    expect(() => h.run(`setTimeout('alert(1)', 10)`)).toThrow('setTimeout: callback must be a function');
  });

  it('propagates an exception thrown by a timer callback', () => {
    h.run(`setTimeout(() => { throw new Error('timer failed'); }, 10);`);
    expect(() => h.deliver({ type: 'timer', timerId: 1 })).toThrow('timer failed');
  });

  it('reports the rejection of an async timer callback as a fatal unhandledRejection', () => {
    h.run(`setTimeout(async () => { throw new Error('async timer failed'); }, 10);`);
    h.take();
    h.deliver({ type: 'timer', timerId: 1 });
    expect(h.take()).toMatchObject([{ op: 'fatal', reason: 'unhandledRejection', message: 'Error: async timer failed' }]);
  });
});

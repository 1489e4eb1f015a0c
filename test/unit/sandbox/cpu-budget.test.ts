import { describe, expect, it } from 'vitest';
import { CpuBudget } from '../../../engine/sandbox/cpu-budget.js';
import { IsolateWatchdog } from '../../../engine/sandbox/isolate-watchdog.js';

const ms = (n: number): bigint => BigInt(n) * 1_000_000n;
const limits = { sessionCpuMs: 1000, backgroundBusyMs: 300 };

describe('CpuBudget', () => {
  it('accepts an idle isolate whose wall time does not move between samples', () => {
    const budget = new CpuBudget(limits, { cpuNs: 0n, wallNs: ms(10) });
    for (let i = 0; i < 100; i++) expect(budget.onSample({ cpuNs: ms(5), wallNs: ms(10) })).toBeUndefined();
  });

  it('does not count time spent inside host entries as background work', () => {
    const budget = new CpuBudget(limits, { cpuNs: 0n, wallNs: 0n });
    for (let wall = 200; wall <= 2000; wall += 200) {
      expect(budget.afterEntry({ cpuNs: ms(wall / 4), wallNs: ms(wall) })).toBeUndefined();
      expect(budget.onSample({ cpuNs: ms(wall / 4), wallNs: ms(wall) })).toBeUndefined();
    }
  });

  it('stops an isolate that stays busy outside any entry for longer than the limit', () => {
    const budget = new CpuBudget(limits, { cpuNs: 0n, wallNs: 0n });
    expect(budget.onSample({ cpuNs: ms(100), wallNs: ms(100) })).toBeUndefined();
    expect(budget.onSample({ cpuNs: ms(200), wallNs: ms(200) })).toBeUndefined();
    expect(budget.onSample({ cpuNs: ms(300), wallNs: ms(300) })).toBeUndefined();
    expect(budget.onSample({ cpuNs: ms(400), wallNs: ms(400) })).toMatch(/busy for 400 ms outside any callback/);
  });

  it('forgives background work that pauses before reaching the limit', () => {
    const budget = new CpuBudget(limits, { cpuNs: 0n, wallNs: 0n });
    let wall = 0;
    for (let round = 0; round < 5; round++) {
      wall += 250;
      expect(budget.onSample({ cpuNs: ms(round), wallNs: ms(wall) })).toBeUndefined();
      expect(budget.onSample({ cpuNs: ms(round), wallNs: ms(wall) })).toBeUndefined();
    }
  });

  it('stops a session past its total CPU, whether seen after an entry or by a sample', () => {
    expect(new CpuBudget(limits, { cpuNs: 0n, wallNs: 0n }).afterEntry({ cpuNs: ms(1001), wallNs: ms(1100) })).toMatch(
      /1001 ms of CPU, over its session limit of 1000 ms/,
    );
    expect(new CpuBudget(limits, { cpuNs: 0n, wallNs: 0n }).onSample({ cpuNs: ms(1500), wallNs: 0n })).toMatch(/session limit/);
  });

  it('counts only the CPU used since the session began, in an isolate that earlier sessions used', () => {
    const budget = new CpuBudget(limits, { cpuNs: ms(5000), wallNs: ms(9000) });
    expect(budget.afterEntry({ cpuNs: ms(5900), wallNs: ms(9900) })).toBeUndefined();
    expect(budget.afterEntry({ cpuNs: ms(6001), wallNs: ms(10100) })).toMatch(/1001 ms of CPU, over its session limit of 1000 ms/);
  });
});

describe('IsolateWatchdog', () => {
  it('samples every watched target on one timer and stops when none is left', async () => {
    const watchdog = new IsolateWatchdog(10);
    let samples = 0;
    const target = { sample: () => void samples++ };
    watchdog.watch(target);
    const deadline = Date.now() + 5_000;
    while (samples < 3 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 10));
    expect(samples).toBeGreaterThan(2);
    watchdog.unwatch(target);
    const stoppedAt = samples;
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(samples).toBe(stoppedAt);
    expect(watchdog.watchedCount).toBe(0);
    watchdog.close();
    watchdog.close();
  });
});

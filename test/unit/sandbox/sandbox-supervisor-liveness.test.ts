import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SandboxSupervisor } from '../../../engine/sandbox/sandbox-supervisor.js';
import { compileScenario, healthyScenario, RecordingDelegate, started, testPreludeSource } from './support/sandbox-fixtures.js';

async function waitFor(condition: () => boolean, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe('SandboxSupervisor liveness', () => {
  let supervisor: SandboxSupervisor;
  beforeAll(async () => {
    supervisor = await SandboxSupervisor.start({ preludeSource: testPreludeSource, workers: 1, unresponsiveMs: 2_000, restartDelayMs: 20 });
  }, 60_000);
  afterAll(async () => {
    await supervisor.close();
  });

  it('kills a worker that stops answering, fails its sessions, and serves new ones from its replacement', async () => {
    const stuckPid = supervisor.workerPids()[0]!;
    // A session allowed a two-minute callback keeps the worker's only thread busy long past the 2 s liveness limit.
    const looping = await compileScenario('VoxEngine.addEventListener(AppEvents.Started, () => { for (;;) {} });');
    const delegate = new RecordingDelegate();
    const session = await supervisor.startSession({ sessionId: 'stuck', scenario: looping, limits: { callbackTimeoutMs: 120_000 } }, delegate);
    session.deliver(started);
    await waitFor(() => delegate.failures.length === 1);
    expect(delegate.failures[0]).toEqual({ kind: 'workerDied', message: `sandbox worker ${stuckPid} was killed after 2000 ms without answering` });

    await waitFor(() => supervisor.workerPids().length === 1 && supervisor.workerPids()[0] !== stuckPid);
    const fresh = new RecordingDelegate();
    const next = await supervisor.startSession({ sessionId: 'next', scenario: await compileScenario(healthyScenario) }, fresh);
    next.deliver(started);
    await waitFor(() => fresh.commands.length === 2);
    expect(fresh.logs).toEqual(['healthy']);
    next.dispose();
  });
});

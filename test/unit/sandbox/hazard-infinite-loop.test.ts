import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { InProcessSandboxHost } from '../../../engine/sandbox/in-process-host.js';
import { runBesideHealthySession } from './support/hazard-harness.js';
import { compileScenario, RecordingDelegate, started, testPreludeSource } from './support/sandbox-fixtures.js';

describe('hazard: a scenario that never returns', () => {
  let host: InProcessSandboxHost;
  beforeEach(() => {
    host = new InProcessSandboxHost({ preludeSource: testPreludeSource });
  });
  afterEach(async () => {
    await host.close();
  });

  it('ends a handler that loops forever at the per-callback timeout, and only its own session', async () => {
    const { failure } = await runBesideHealthySession(
      host,
      `VoxEngine.addEventListener(AppEvents.Started, () => {\n  for (;;) {}\n});\n`,
      { limits: { callbackTimeoutMs: 200 } },
    );
    expect(failure).toMatchObject({ kind: 'timeout', file: 'scenario.ts', message: expect.stringContaining('200 ms') });
  });

  it('ends a loop at the top level before startSession resolves', async () => {
    const delegate = new RecordingDelegate();
    const scenario = await compileScenario('while (true) {}');
    const session = await host.startSession({ sessionId: 's', scenario, limits: { callbackTimeoutMs: 150 } }, delegate);
    expect(session.alive).toBe(false);
    expect(delegate.failures).toMatchObject([{ kind: 'timeout' }]);
    expect(host.sessionCount).toBe(0);
  });

  it('bounds work that continues after an await inside the same callback', async () => {
    const { failure } = await runBesideHealthySession(
      host,
      `VoxEngine.addEventListener(AppEvents.Started, async () => {\n  await null;\n  for (;;) {}\n});\n`,
      { limits: { callbackTimeoutMs: 200 } },
    );
    expect(failure.kind).toBe('timeout');
  });

  it('ends a session whose callbacks together exceed the session CPU budget', async () => {
    const delegate = new RecordingDelegate();
    const scenario = await compileScenario(
      `VoxEngine.addEventListener(AppEvents.Started, () => {\n  const end = Date.now() + 20;\n  while (Date.now() < end) {}\n});\n`,
    );
    const session = await host.startSession({ sessionId: 's', scenario, limits: { sessionCpuMs: 100 } }, delegate);
    // Each callback burns 20 ms of wall time; however little CPU a loaded machine grants, the total crosses 100 ms.
    for (let i = 0; i < 1000 && session.alive; i++) session.deliver(started);
    expect(delegate.failures).toMatchObject([{ kind: 'cpuLimit', message: expect.stringContaining('session limit of 100 ms') }]);
  });
});

import { expect } from 'vitest';
import type { InProcessSandboxHost } from '../../../../engine/sandbox/in-process-host.js';
import type { SandboxLimits, SandboxSession, ScenarioFailure } from '../../../../engine/sandbox/sandbox-types.js';
import { compileScenario, healthyScenario, RecordingDelegate, started } from './sandbox-fixtures.js';

export interface HazardOutcome {
  failure: ScenarioFailure;
  hazardous: SandboxSession;
  delegate: RecordingDelegate;
}

/**
 * Starts a healthy session, then the hazardous one, delivers Started to both (hazard first), and checks that only the
 * hazardous session ended, with exactly one failure, while the healthy one went on to complete normally.
 */
export async function runBesideHealthySession(
  host: InProcessSandboxHost,
  hazardSource: string,
  options: { limits?: Partial<SandboxLimits>; fileName?: string } = {},
): Promise<HazardOutcome> {
  const healthyDelegate = new RecordingDelegate();
  const healthy = await host.startSession({ sessionId: 'healthy', scenario: await compileScenario(healthyScenario) }, healthyDelegate);

  const delegate = new RecordingDelegate();
  const scenario = await compileScenario(hazardSource, options.fileName);
  const hazardous = await host.startSession({ sessionId: 'hazard', scenario, limits: options.limits }, delegate);
  hazardous.deliver(started);
  await waitFor(() => delegate.failures.length > 0);

  healthy.deliver(started);
  expect(healthyDelegate.failures).toEqual([]);
  expect(healthyDelegate.logs).toEqual(['healthy']);
  expect(healthyDelegate.commands.at(-1)).toEqual({ op: 'terminate' });
  expect(healthy.alive).toBe(true);

  expect(delegate.failures).toHaveLength(1);
  expect(hazardous.alive).toBe(false);
  hazardous.deliver(started);
  expect(delegate.failures).toHaveLength(1);
  return { failure: delegate.failures[0]!, hazardous, delegate };
}

async function waitFor(condition: () => boolean, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('timed out waiting for the session to fail');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

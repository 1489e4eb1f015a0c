import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { InProcessSandboxHost } from '../../../engine/sandbox/in-process-host.js';
import { ScenarioCompileError } from '../../../engine/sandbox/sandbox-errors.js';
import { runBesideHealthySession } from './support/hazard-harness.js';
import { compileScenario, healthyScenario, RecordingDelegate, started, testPreludeSource } from './support/sandbox-fixtures.js';

describe('hazard: a scenario with a syntax error', () => {
  let host: InProcessSandboxHost;
  beforeEach(() => {
    host = new InProcessSandboxHost({ preludeSource: testPreludeSource });
  });
  afterEach(async () => {
    await host.close();
  });

  it('is refused at compile time with the author\'s file, line and column; other sessions run on', async () => {
    const healthyDelegate = new RecordingDelegate();
    const healthy = await host.startSession({ sessionId: 'h', scenario: await compileScenario(healthyScenario) }, healthyDelegate);

    const error = await compileScenario(
      "VoxEngine.addEventListener(AppEvents.Started, () => {\n  Logger.write('a' +);\n});\n",
      'broken.ts',
    ).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ScenarioCompileError);
    expect((error as ScenarioCompileError).diagnostics).toEqual([
      { file: 'broken.ts', line: 2, column: 21, message: expect.stringContaining('Unexpected ")"') },
    ]);

    healthy.deliver(started);
    expect(healthyDelegate.logs).toEqual(['healthy']);
    expect(healthyDelegate.failures).toEqual([]);
  });

  it('ends the session for a SyntaxError raised while running (JSON.parse), at the author\'s line', async () => {
    const { failure } = await runBesideHealthySession(
      host,
      `VoxEngine.addEventListener(AppEvents.Started, () => {\n  JSON.parse('{ broken');\n});\n`,
    );
    expect(failure).toMatchObject({ kind: 'exception', message: expect.stringMatching(/^SyntaxError/), line: 2, column: 8 });
  });
});

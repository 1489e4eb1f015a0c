import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { InProcessSandboxHost } from '../../../engine/sandbox/in-process-host.js';
import { runBesideHealthySession } from './support/hazard-harness.js';
import { testPreludeSource } from './support/sandbox-fixtures.js';

describe('hazard: a scenario that allocates without end', () => {
  let host: InProcessSandboxHost;
  beforeEach(() => {
    host = new InProcessSandboxHost({ preludeSource: testPreludeSource });
  });
  afterEach(async () => {
    await host.close();
  });

  it('ends the session at its 16 MB heap limit and disposes the isolate, leaving the other session running', async () => {
    const { failure } = await runBesideHealthySession(
      host,
      `const hoard: string[][] = [];
VoxEngine.addEventListener(AppEvents.Started, () => {
  for (;;) hoard.push(new Array(100_000).fill('x'));
});
`,
      // A generous callback time, so that on a loaded machine the heap limit, not the timeout, ends the loop.
      { limits: { callbackTimeoutMs: 10_000 } },
    );
    expect(failure).toMatchObject({ kind: 'memoryLimit', message: expect.stringContaining('16 MB') });
    expect(host.sessionCount).toBe(1);
  });

  it('applies a session-specific memory limit', async () => {
    const { failure } = await runBesideHealthySession(
      host,
      `const hoard: number[][] = [];
VoxEngine.addEventListener(AppEvents.Started, () => {
  for (;;) hoard.push(new Array(10_000).fill(1.5));
});
`,
      { limits: { memoryMb: 8, callbackTimeoutMs: 10_000 } },
    );
    expect(failure).toMatchObject({ kind: 'memoryLimit', message: expect.stringContaining('8 MB') });
  });

  it('refuses an oversized buffer inside the isolate as a scenario exception', async () => {
    const { failure } = await runBesideHealthySession(
      host,
      `VoxEngine.addEventListener(AppEvents.Started, () => {\n  new ArrayBuffer(512 * 1024 * 1024);\n});\n`,
    );
    expect(failure).toMatchObject({ kind: 'exception', message: expect.stringMatching(/RangeError/), line: 2 });
  });
});

import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { InProcessSandboxHost } from '../../../engine/sandbox/in-process-host.js';
import { runBesideHealthySession } from './support/hazard-harness.js';
import { testPreludeSource } from './support/sandbox-fixtures.js';

// Before the bootstrap removed them, the first case aborted this whole test process, and the second allocated 64 MB
// in a 16 MB isolate.
describe('hazard: built-ins that escape isolated-vm\'s limits', () => {
  let host: InProcessSandboxHost;
  beforeEach(() => {
    host = new InProcessSandboxHost({ preludeSource: testPreludeSource });
  });
  afterEach(async () => {
    await host.close();
  });

  it('Atomics.waitAsync is not available, so it cannot abort the process hosting the isolate', async () => {
    const { failure } = await runBesideHealthySession(
      host,
      `VoxEngine.addEventListener(AppEvents.Started, () => {
  const cell = new Int32Array(new SharedArrayBuffer(16));
  (Atomics as any).waitAsync(cell, 0, 0, 50);
});
`,
    );
    expect(failure).toMatchObject({ kind: 'exception', message: expect.stringMatching(/^TypeError: .*waitAsync is not a function/), line: 3 });
  });

  it('WebAssembly is not available, so its memories cannot bypass the memory limit', async () => {
    const { failure } = await runBesideHealthySession(
      host,
      `VoxEngine.addEventListener(AppEvents.Started, () => {
  new (globalThis as any).WebAssembly.Memory({ initial: 1000 });
});
`,
    );
    expect(failure).toMatchObject({ kind: 'exception', message: expect.stringMatching(/^TypeError/), line: 2 });
  });

  it('FinalizationRegistry is not available, so no callback runs outside an entry and its time limit', async () => {
    const { failure } = await runBesideHealthySession(
      host,
      `VoxEngine.addEventListener(AppEvents.Started, () => {
  new (globalThis as any).FinalizationRegistry(() => { for (;;); });
});
`,
    );
    expect(failure).toMatchObject({ kind: 'exception', message: expect.stringMatching(/^TypeError/), line: 2 });
  });
});

import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { InProcessSandboxHost } from '../../../engine/sandbox/in-process-host.js';
import { runBesideHealthySession } from './support/hazard-harness.js';
import { compileScenario, RecordingDelegate, started, testPreludeSource } from './support/sandbox-fixtures.js';

describe('hazard: a promise rejection nobody handles', () => {
  let host: InProcessSandboxHost;
  beforeEach(() => {
    host = new InProcessSandboxHost({ preludeSource: testPreludeSource });
  });
  afterEach(async () => {
    await host.close();
  });

  it('ends the session when an async handler rejects (reported by the prelude as fatal), at the author\'s line', async () => {
    const { failure } = await runBesideHealthySession(
      host,
      `async function lookUp(): Promise<string> {
  await null;
  throw new Error('directory unavailable');
}
VoxEngine.addEventListener(AppEvents.Started, async () => {
  Logger.write(await lookUp());
});
`,
      { fileName: 'lookup.ts' },
    );
    expect(failure).toMatchObject({
      kind: 'unhandledRejection',
      message: 'directory unavailable',
      file: 'lookup.ts',
      line: 3,
      column: 9,
    });
    expect(failure.stack).toContain('lookup.ts:3:9');
  });

  it('ends the session when a promise created in a handler is rejected and left unhandled (caught by isolated-vm)', async () => {
    const { failure } = await runBesideHealthySession(
      host,
      `VoxEngine.addEventListener(AppEvents.Started, () => {
  Promise.reject(new TypeError('nobody listens'));
});
`,
    );
    expect(failure).toMatchObject({
      kind: 'unhandledRejection',
      message: expect.stringContaining('TypeError: nobody listens'),
      file: 'scenario.ts',
      line: 2,
    });
  });

  it('ends the session for a rejection with a value that is not an Error', async () => {
    const { failure } = await runBesideHealthySession(
      host,
      `VoxEngine.addEventListener(AppEvents.Started, () => {\n  void Promise.reject(42);\n});\n`,
    );
    expect(failure).toMatchObject({ kind: 'unhandledRejection', message: expect.stringContaining('42') });
  });

  it('lets a rejection that is handled later in the same callback pass', async () => {
    const delegate = new RecordingDelegate();
    const scenario = await compileScenario(`
      VoxEngine.addEventListener(AppEvents.Started, () => {
        const p = Promise.reject(new Error('later'));
        p.catch((e) => Logger.write('handled ' + e.message));
      });
    `);
    const session = await host.startSession({ sessionId: 's', scenario }, delegate);
    session.deliver(started);
    expect(delegate.failures).toEqual([]);
    expect(delegate.logs).toEqual(['handled later']);
    expect(session.alive).toBe(true);
  });
  it('ends the session when the top level leaves a rejection unhandled', async () => {
    const delegate = new RecordingDelegate();
    const scenario = await compileScenario("const config = {};\nPromise.reject(new Error('no trunk configured'));\n", 'top.ts');
    const session = await host.startSession({ sessionId: 's', scenario }, delegate);
    expect(session.alive).toBe(false);
    expect(delegate.failures).toMatchObject([
      { kind: 'unhandledRejection', message: 'unhandled promise rejection: Error: no trunk configured', file: 'top.ts', line: 2 },
    ]);
  });

  it('maps the stack of a fatal command from the prelude to the author\'s line', async () => {
    const { failure } = await runBesideHealthySession(
      host,
      `VoxEngine.addEventListener(AppEvents.Started, () => {
  const stack = new Error('listener is not a function').stack;
  (globalThis as any).__test_send_raw(JSON.stringify({ op: 'fatal', reason: 'invalidHandler', message: 'bad listener', stack }));
});
`,
    );
    expect(failure).toMatchObject({ kind: 'invalidHandler', message: 'bad listener', file: 'scenario.ts', line: 2, column: 17 });
  });
});

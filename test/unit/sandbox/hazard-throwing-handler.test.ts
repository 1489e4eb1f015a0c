import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ScenarioCompiler } from '../../../engine/sandbox/compile-scenario.js';
import { InProcessSandboxHost } from '../../../engine/sandbox/in-process-host.js';
import { runBesideHealthySession } from './support/hazard-harness.js';
import { RecordingDelegate, started, testPreludeSource } from './support/sandbox-fixtures.js';

describe('hazard: a scenario that throws', () => {
  let host: InProcessSandboxHost;
  beforeEach(() => {
    host = new InProcessSandboxHost({ preludeSource: testPreludeSource });
  });
  afterEach(async () => {
    await host.close();
  });

  it('ends the session when a handler throws, with the author\'s file, line and column', async () => {
    const { failure } = await runBesideHealthySession(
      host,
      `interface Menu { options: string[] }

VoxEngine.addEventListener(AppEvents.Started, () => {
  const menu = JSON.parse('{}') as Menu;
  Logger.write(menu.options.join(','));
});
`,
      { fileName: 'ivr.ts' },
    );
    expect(failure).toMatchObject({
      kind: 'exception',
      message: expect.stringMatching(/^TypeError: Cannot read properties of undefined/),
      file: 'ivr.ts',
      line: 5,
      column: 29,
    });
    expect(failure.stack?.split('\n')[1]).toContain('ivr.ts:5:29');
    expect(failure.stack).not.toContain('callscript-scenario.js');
  });

  it('maps a throw inside an imported file to that file', async () => {
    const compiler = new ScenarioCompiler();
    const scenario = await compiler.compileSource({
      fileName: 'main.ts',
      source: "import { check } from './lib/check';\nVoxEngine.addEventListener(AppEvents.Started, () => check(0));\n",
      files: { 'lib/check.ts': "export function check(n: number): void {\n  if (n === 0) throw new RangeError('zero');\n}\n" },
    });
    const delegate = new RecordingDelegate();
    const session = await host.startSession({ sessionId: 's', scenario }, delegate);
    session.deliver(started);
    expect(delegate.failures).toMatchObject([{ kind: 'exception', message: 'RangeError: zero', file: 'lib/check.ts', line: 2, column: 22 }]);
    expect(delegate.failures[0]!.stack).toContain('main.ts:2:');
  });

  it('ends the session when the top level throws, before startSession resolves', async () => {
    const compiler = new ScenarioCompiler();
    const scenario = await compiler.compileSource({ fileName: 'top.ts', source: "const a = 1;\nthrow new Error('not configured');\n" });
    const delegate = new RecordingDelegate();
    const session = await host.startSession({ sessionId: 's', scenario }, delegate);
    expect(session.alive).toBe(false);
    expect(delegate.failures).toMatchObject([{ kind: 'exception', message: 'Error: not configured', file: 'top.ts', line: 2, column: 7 }]);
  });

  it('reports a thrown non-Error value by its string form', async () => {
    const { failure } = await runBesideHealthySession(
      host,
      `VoxEngine.addEventListener(AppEvents.Started, () => {\n  throw 'busy';\n});\n`,
    );
    expect(failure).toMatchObject({ kind: 'exception', message: 'busy', file: 'scenario.ts' });
  });

  it('survives a thrown object whose getters throw', async () => {
    const { failure } = await runBesideHealthySession(
      host,
      `VoxEngine.addEventListener(AppEvents.Started, () => {
  throw { get message(): string { throw new Error('no'); }, toString() { return 'odd thing'; } };
});
`,
    );
    expect(failure).toMatchObject({ kind: 'exception', message: 'odd thing' });
  });

  it('reports a prelude argument error at the scenario line that made the call', async () => {
    const { failure } = await runBesideHealthySession(
      host,
      `VoxEngine.addEventListener(AppEvents.Started, () => {\n  VoxEngine.addEventListener('x', 'not a function' as never);\n});\n`,
    );
    expect(failure).toMatchObject({
      kind: 'exception',
      message: 'TypeError: VoxEngine.addEventListener: handler must be a function',
      file: 'scenario.ts',
      line: 2,
    });
  });
});

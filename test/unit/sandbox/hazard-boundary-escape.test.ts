import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { EventTooLargeError } from '../../../engine/sandbox/command-validation.js';
import { InProcessSandboxHost } from '../../../engine/sandbox/in-process-host.js';
import type { ScenarioEvent } from '../../../engine/session/scenario-protocol.js';
import { runBesideHealthySession } from './support/hazard-harness.js';
import { compileScenario, RecordingDelegate, started, testPreludeSource } from './support/sandbox-fixtures.js';

describe('hazard: a scenario reaching for the host', () => {
  let host: InProcessSandboxHost;
  beforeEach(() => {
    host = new InProcessSandboxHost({ preludeSource: testPreludeSource, limits: { maxMessageBytes: 4096 } });
  });
  afterEach(async () => {
    await host.close();
  });

  async function logsOf(source: string): Promise<string[]> {
    const delegate = new RecordingDelegate();
    const session = await host.startSession({ sessionId: 's', scenario: await compileScenario(source) }, delegate);
    session.deliver(started);
    expect(delegate.failures).toEqual([]);
    return delegate.logs;
  }

  it('finds no Node objects, no isolated-vm objects and no bridge binder in the global scope', async () => {
    const logs = await logsOf(`
      VoxEngine.addEventListener(AppEvents.Started, () => {
        const g = globalThis as Record<string, unknown>;
        Logger.write([g.process, g.require, g.module, g.Buffer, g.setImmediate].map((v) => typeof v).join());
        Logger.write([typeof g.__callscript_send, typeof g.__callscript_bind, typeof g.ivm, typeof g._ivm].join());
        Logger.write(Object.getOwnPropertyNames(globalThis).filter((n) => n.startsWith('_')).sort().join());
        Logger.write(String(new Function('return typeof process + typeof require')()));
      });
    `);
    expect(logs).toEqual([
      'undefined,undefined,undefined,undefined,undefined',
      'undefined,undefined,undefined,undefined',
      '__callscript_deliver,__test_send_raw',
      'undefinedundefined',
    ]);
  });

  it('sees only plain copies: an event mutated inside the isolate does not change the host object, and vice versa', async () => {
    const delegate = new RecordingDelegate();
    const scenario = await compileScenario(`
      let kept: { payload?: { n: number } } | undefined;
      VoxEngine.addEventListener('tick', (e: { n: number }) => {
        Logger.write(String(e.n));
        e.n = 999;
      });
    `);
    const session = await host.startSession({ sessionId: 's', scenario }, delegate);
    const event: ScenarioEvent = { type: 'app', event: 'tick', payload: { n: 1 } };
    session.deliver(event);
    expect(event.payload).toEqual({ n: 1 });
    (event.payload as { n: number }).n = 2;
    session.deliver(event);
    expect(delegate.logs).toEqual(['1', '2']);
  });

  it('ends the session when the bridge is handed an object instead of a JSON string', async () => {
    const { failure } = await runBesideHealthySession(
      host,
      `VoxEngine.addEventListener(AppEvents.Started, () => {\n  (globalThis as any).__test_send_raw({ op: 'log', text: 'x' });\n});\n`,
    );
    expect(failure).toMatchObject({ kind: 'protocol', message: expect.stringContaining('JSON string') });
  });

  it.each([
    ['text that is not JSON', "'{op:'"],
    ['a JSON array', "'[1]'"],
    ['an object without op', "'{\"text\":\"x\"}'"],
    ['a command over the size cap', "JSON.stringify({ op: 'log', text: 'x'.repeat(5000) })"],
  ])('ends the session when the bridge is handed %s', async (_what, expression) => {
    const { failure } = await runBesideHealthySession(
      host,
      `VoxEngine.addEventListener(AppEvents.Started, () => {\n  (globalThis as any).__test_send_raw(${expression});\n});\n`,
    );
    expect(failure.kind).toBe('protocol');
  });

  it('keeps the session ended even if the scenario catches the bridge error and carries on', async () => {
    const delegate = new RecordingDelegate();
    const scenario = await compileScenario(`
      VoxEngine.addEventListener(AppEvents.Started, () => {
        try { (globalThis as any).__test_send_raw('not json'); } catch {}
        Logger.write('after');
      });
    `);
    const session = await host.startSession({ sessionId: 's', scenario }, delegate);
    session.deliver(started);
    expect(delegate.failures).toMatchObject([{ kind: 'protocol' }]);
    expect(delegate.commands).toEqual([]);
    expect(session.alive).toBe(false);
  });

  it('refuses to deliver an event over the size cap, leaving the session alive', async () => {
    const delegate = new RecordingDelegate();
    const session = await host.startSession({ sessionId: 's', scenario: await compileScenario('') }, delegate);
    expect(() => session.deliver({ type: 'app', event: 'big', payload: { body: 'x'.repeat(5000) } })).toThrow(EventTooLargeError);
    expect(session.alive).toBe(true);
  });

  it('ends the session when the host fails to handle a command, without crashing the host', async () => {
    const scenario = await compileScenario(`VoxEngine.addEventListener(AppEvents.Started, () => Logger.write('x'));`);
    const failures: unknown[] = [];
    const session = await host.startSession(
      { sessionId: 's', scenario },
      {
        onCommand: () => {
          throw new Error('store offline');
        },
        onFailure: (f) => failures.push(f),
      },
    );
    session.deliver(started);
    expect(failures).toMatchObject([{ kind: 'internal', message: expect.stringContaining('store offline') }]);
  });
});

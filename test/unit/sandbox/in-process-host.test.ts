import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { InProcessSandboxHost } from '../../../engine/sandbox/in-process-host.js';
import { SandboxClosedError, SandboxSetupError } from '../../../engine/sandbox/sandbox-errors.js';
import { compileScenario, healthyScenario, RecordingDelegate, started, testPreludeSource } from './support/sandbox-fixtures.js';

describe('InProcessSandboxHost', () => {
  let host: InProcessSandboxHost;
  beforeEach(() => {
    host = new InProcessSandboxHost({ preludeSource: testPreludeSource });
  });
  afterEach(async () => {
    await host.close();
  });

  it('runs the prelude, then the scenario top level, then delivers events to its handlers', async () => {
    const scenario = await compileScenario(`
      Logger.write('top level');
      VoxEngine.addEventListener(AppEvents.Started, (e) => Logger.write('started ' + e.name + ' ' + e.sessionId));
    `);
    const delegate = new RecordingDelegate();
    const session = await host.startSession({ sessionId: 's1', scenario }, delegate);
    expect(delegate.logs).toEqual(['top level']);
    session.deliver({ type: 'app', event: 'Application.Started', payload: { sessionId: 's1' } });
    expect(delegate.logs).toEqual(['top level', 'started Application.Started s1']);
    expect(session.alive).toBe(true);
    expect(delegate.failures).toEqual([]);
  });

  it('delivers an event sent from inside a command handler after the running callback returns', async () => {
    const scenario = await compileScenario(`
      VoxEngine.addEventListener(AppEvents.Started, () => { Logger.write('a'); Logger.write('b'); });
      VoxEngine.addEventListener(AppEvents.Terminating, () => Logger.write('terminating'));
    `);
    const order: string[] = [];
    let session: { deliver: (e: typeof started) => void } | undefined;
    const delegate = {
      onCommand(command: { op: string; text?: string }) {
        order.push(command.text ?? command.op);
        if (command.text === 'a') session!.deliver({ type: 'app', event: 'Application.Terminating', payload: {} });
      },
      onFailure() {},
    };
    session = await host.startSession({ sessionId: 's1', scenario }, delegate as never);
    session.deliver(started);
    expect(order).toEqual(['a', 'b', 'terminating']);
  });

  it('keeps sessions apart: globals of one are not seen by another', async () => {
    const scenario = await compileScenario(`
      VoxEngine.addEventListener(AppEvents.Started, () => {
        Logger.write(String(globalThis.counter ?? 'unset'));
        globalThis.counter = 1;
      });
    `);
    const a = new RecordingDelegate();
    const b = new RecordingDelegate();
    (await host.startSession({ sessionId: 'a', scenario }, a)).deliver(started);
    (await host.startSession({ sessionId: 'b', scenario }, b)).deliver(started);
    expect([a.logs, b.logs]).toEqual([['unset'], ['unset']]);
  });

  it('compiles each scenario once and starts later sessions from the code cache', async () => {
    const scenario = await compileScenario(healthyScenario);
    for (let i = 0; i < 5; i++) {
      const delegate = new RecordingDelegate();
      (await host.startSession({ sessionId: `s${i}`, scenario }, delegate)).deliver(started);
      expect(delegate.logs).toEqual(['healthy']);
    }
    expect(host.compiledScenarioCount).toBe(1);
  });

  it('disposes every session on close and refuses new ones', async () => {
    const scenario = await compileScenario(healthyScenario);
    const session = await host.startSession({ sessionId: 's', scenario }, new RecordingDelegate());
    expect(host.sessionCount).toBe(1);
    await host.close();
    await host.close();
    expect(session.alive).toBe(false);
    expect(host.sessionCount).toBe(0);
    await expect(host.startSession({ sessionId: 't', scenario }, new RecordingDelegate())).rejects.toBeInstanceOf(
      SandboxClosedError,
    );
  });

  it('refuses a prelude that does not define __callscript_deliver', () => {
    expect(() => new InProcessSandboxHost({ preludeSource: 'globalThis.x = 1;' })).toThrow(SandboxSetupError);
    expect(() => new InProcessSandboxHost({ preludeSource: 'throw new Error("broken prelude")' })).toThrow(/broken prelude|prelude/);
  });
});

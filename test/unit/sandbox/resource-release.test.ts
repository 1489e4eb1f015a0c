import { describe, expect, it } from 'vitest';
import { InProcessSandboxHost } from '../../../engine/sandbox/in-process-host.js';
import { compileScenario, healthyScenario, RecordingDelegate, started, testPreludeSource } from './support/sandbox-fixtures.js';

describe('sandbox resources', () => {
  it('releases the isolate and the watchdog entry of a disposed session, and ignores it afterwards', async () => {
    const host = new InProcessSandboxHost({ preludeSource: testPreludeSource });
    try {
      const scenario = await compileScenario(healthyScenario);
      const delegate = new RecordingDelegate();
      const sessions = Array.from({ length: 10 }, (_, i) => host.startSessionSync({ sessionId: `s${i}`, scenario }, delegate));
      expect(host.stats()).toMatchObject({ sessions: 10, watchedIsolates: 10, compiledScenarios: 1 });
      for (const session of sessions) {
        session.dispose();
        session.dispose();
      }
      expect(sessions.every((s) => !s.alive && s.isolateReleased)).toBe(true);
      expect(host.stats()).toMatchObject({ sessions: 0, watchedIsolates: 0 });
      sessions[0]!.deliver(started);
      expect(delegate.commands).toEqual([]);
      expect(delegate.failures).toEqual([]);
    } finally {
      await host.close();
    }
  });

  it('releases the isolate of a failed session', async () => {
    const host = new InProcessSandboxHost({ preludeSource: testPreludeSource });
    try {
      const session = host.startSessionSync(
        { sessionId: 's', scenario: await compileScenario("throw new Error('x')") },
        new RecordingDelegate(),
      );
      expect(session.isolateReleased).toBe(true);
      expect(host.stats()).toMatchObject({ sessions: 0, watchedIsolates: 0 });
    } finally {
      await host.close();
    }
  });

  it('disposes a session from inside its own command callback once the callback returns', async () => {
    const host = new InProcessSandboxHost({ preludeSource: testPreludeSource });
    try {
      const scenario = await compileScenario("VoxEngine.addEventListener(AppEvents.Started, () => { Logger.write('a'); Logger.write('b'); });");
      const seen: string[] = [];
      const failures: unknown[] = [];
      const session = host.startSessionSync(
        { sessionId: 's', scenario },
        {
          onCommand: (c) => {
            seen.push(c.op === 'log' ? c.text : c.op);
            session.dispose();
          },
          onFailure: (f) => failures.push(f),
        },
      );
      session.deliver(started);
      expect(seen).toEqual(['a']);
      expect(failures).toEqual([]);
      expect(session.isolateReleased).toBe(true);
    } finally {
      await host.close();
    }
  });

  it('disposes pooled isolates and every session on close', async () => {
    const host = new InProcessSandboxHost({ preludeSource: testPreludeSource, poolSize: 3 });
    const scenario = await compileScenario(healthyScenario);
    const session = host.startSessionSync({ sessionId: 's', scenario }, new RecordingDelegate());
    const deadline = Date.now() + 10_000;
    while (host.stats().idleIsolates < 3 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 10));
    expect(host.stats().idleIsolates).toBe(3);
    await host.close();
    expect(session.isolateReleased).toBe(true);
    expect(host.stats()).toMatchObject({ sessions: 0, idleIsolates: 0, watchedIsolates: 0 });
  });
});

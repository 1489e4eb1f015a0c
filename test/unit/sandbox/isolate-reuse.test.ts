import { afterEach, describe, expect, it } from 'vitest';
import { InProcessSandboxHost } from '../../../engine/sandbox/in-process-host.js';
import { compileScenario, RecordingDelegate, started, testPreludeSource } from './support/sandbox-fixtures.js';

async function warmHost(options: { sessionsPerIsolate?: number } = {}): Promise<InProcessSandboxHost> {
  const host = new InProcessSandboxHost({ preludeSource: testPreludeSource, poolSize: 1, ...options });
  const deadline = Date.now() + 10_000;
  while (host.stats().idleIsolates < 1 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 5));
  return host;
}

// Everything after the warm-up runs synchronously, so the pool's own refill (on a later event-loop turn) cannot make an
// isolate in between and the counts below are exact.
describe('isolate reuse between sessions', () => {
  let host: InProcessSandboxHost | undefined;
  afterEach(async () => {
    await host?.close();
    host = undefined;
  });

  it('gives the next session the isolate of one that ended cleanly, in a fresh context with pristine built-ins', async () => {
    const polluter = await compileScenario(`
VoxEngine.addEventListener(AppEvents.Started, () => {
  Logger.write('polluted');
  (globalThis as any).leftover = 'secret';
  Array.prototype.push = () => 0;
  JSON.stringify = () => 'tampered';
});
`);
    const observer = await compileScenario(`
VoxEngine.addEventListener(AppEvents.Started, () => {
  const list: number[] = [];
  list.push(1);
  Logger.write(String(typeof (globalThis as any).leftover) + ' ' + list.length + ' ' + JSON.stringify({ a: 1 }));
});
`);
    host = await warmHost();
    const created = host.stats().isolatesCreated;
    const first = new RecordingDelegate();
    const one = host.startSessionSync({ sessionId: 'one', scenario: polluter }, first);
    one.deliver(started);
    one.dispose();
    const second = new RecordingDelegate();
    const two = host.startSessionSync({ sessionId: 'two', scenario: observer }, second);
    two.deliver(started);
    two.dispose();
    expect(first.logs).toEqual(['polluted']);
    expect(second.logs).toEqual(['undefined 1 {"a":1}']);
    expect(host.stats().isolatesCreated).toBe(created);
  });

  it('never reuses the isolate of a session that failed', async () => {
    const thrower = await compileScenario("VoxEngine.addEventListener(AppEvents.Started, () => { throw new Error('boom'); });");
    const healthy = await compileScenario("VoxEngine.addEventListener(AppEvents.Started, () => Logger.write('fine'));");
    host = await warmHost();
    const created = host.stats().isolatesCreated;
    const failing = new RecordingDelegate();
    host.startSessionSync({ sessionId: 'bad', scenario: thrower }, failing).deliver(started);
    expect(failing.failures).toHaveLength(1);
    const next = new RecordingDelegate();
    const session = host.startSessionSync({ sessionId: 'next', scenario: healthy }, next);
    session.deliver(started);
    expect(next.logs).toEqual(['fine']);
    expect(host.stats().isolatesCreated).toBe(created + 1);
  });

  it('replaces an isolate once it has served sessionsPerIsolate sessions', async () => {
    const scenario = await compileScenario("VoxEngine.addEventListener(AppEvents.Started, () => Logger.write('ok'));");
    host = await warmHost({ sessionsPerIsolate: 3 });
    const created = host.stats().isolatesCreated;
    for (let i = 0; i < 7; i++) {
      const delegate = new RecordingDelegate();
      const session = host.startSessionSync({ sessionId: `s${i}`, scenario }, delegate);
      session.deliver(started);
      session.dispose();
      expect(delegate.logs).toEqual(['ok']);
    }
    // Each isolate serves 2 or 3 sessions (its own number, drawn from half of sessionsPerIsolate to all of it).
    expect(host.stats().isolatesCreated - created).toBeGreaterThanOrEqual(2);
    expect(host.stats().isolatesCreated - created).toBeLessThanOrEqual(3);
  });

  it('with sessionsPerIsolate 1, gives every session a new isolate', async () => {
    const scenario = await compileScenario("VoxEngine.addEventListener(AppEvents.Started, () => Logger.write('ok'));");
    host = await warmHost({ sessionsPerIsolate: 1 });
    const created = host.stats().isolatesCreated;
    for (let i = 0; i < 3; i++) host.startSessionSync({ sessionId: `s${i}`, scenario }, new RecordingDelegate()).dispose();
    expect(host.stats().isolatesCreated).toBe(created + 2);
  });
});

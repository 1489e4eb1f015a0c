import { getPriority } from 'node:os';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SandboxSupervisor } from '../../../engine/sandbox/sandbox-supervisor.js';
import type { WorkerSession } from '../../../engine/sandbox/worker-session.js';
import { compileScenario, healthyScenario, RecordingDelegate, started, testPreludeSource } from './support/sandbox-fixtures.js';

async function waitFor(condition: () => boolean, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

describe('SandboxSupervisor', () => {
  let supervisor: SandboxSupervisor;
  const exits: Array<{ pid: number; sessions: number }> = [];

  beforeAll(async () => {
    supervisor = await SandboxSupervisor.start({
      preludeSource: testPreludeSource,
      workers: 2,
      restartDelayMs: 50,
      onWorkerExit: (info) => exits.push(info),
    });
  }, 60_000);

  afterAll(async () => {
    const pids = supervisor.workerPids();
    await supervisor.close();
    await supervisor.close();
    expect(pids.filter(isRunning)).toEqual([]);
  });

  it('runs its workers 10 nicer than the engine, so that signalling and media get the CPU first', () => {
    const engineNice = getPriority();
    for (const pid of supervisor.workerPids()) expect(getPriority(pid)).toBe(Math.min(19, engineNice + 10));
  });

  it('runs sessions in worker processes, spread over the workers, with the same protocol', async () => {
    const scenario = await compileScenario(healthyScenario);
    const a = new RecordingDelegate();
    const b = new RecordingDelegate();
    const first = (await supervisor.startSession({ sessionId: 'a', scenario }, a)) as WorkerSession;
    const second = (await supervisor.startSession({ sessionId: 'b', scenario }, b)) as WorkerSession;
    expect(new Set([first.workerPid, second.workerPid]).size).toBe(2);
    expect(first.workerPid).not.toBe(process.pid);
    first.deliver(started);
    second.deliver(started);
    await waitFor(() => a.commands.length === 2 && b.commands.length === 2);
    expect(a.commands).toEqual([{ op: 'log', text: 'healthy' }, { op: 'terminate' }]);
    first.dispose();
    second.dispose();
  });

  it('reports a scenario failure from a worker with the author\'s position', async () => {
    const scenario = await compileScenario("VoxEngine.addEventListener(AppEvents.Started, () => {\n  throw new Error('bad');\n});\n", 'w.ts');
    const delegate = new RecordingDelegate();
    const session = await supervisor.startSession({ sessionId: 'f', scenario }, delegate);
    session.deliver(started);
    await waitFor(() => delegate.failures.length === 1);
    expect(delegate.failures[0]).toMatchObject({ kind: 'exception', message: 'Error: bad', file: 'w.ts', line: 2, column: 9 });
    expect(session.alive).toBe(false);
  });

  it('returns a session before the top level has run; a top level that throws, or a start the worker cannot make, reaches onFailure', async () => {
    const throwing = await compileScenario("throw new Error('at the top');\n", 'top.ts');
    const delegate = new RecordingDelegate();
    const session = await supervisor.startSession({ sessionId: 't', scenario: throwing }, delegate);
    expect(session.alive).toBe(true);
    session.deliver(started);
    await waitFor(() => delegate.failures.length === 1);
    expect(delegate.failures[0]).toMatchObject({ kind: 'exception', message: 'Error: at the top', file: 'top.ts', line: 1 });
    expect(session.alive).toBe(false);

    const unrunnable = { hash: 'not-javascript', fileName: 'bad.js', code: 'this is not ( javascript' };
    const refused = new RecordingDelegate();
    await supervisor.startSession({ sessionId: 'u', scenario: unrunnable }, refused);
    await waitFor(() => refused.failures.length === 1);
    expect(refused.failures[0]).toMatchObject({ kind: 'internal', message: expect.stringContaining('could not start') });
  });

  it('fails only the sessions of a worker that aborts, replaces it, and lets the other worker\'s session complete', async () => {
    const scenario = await compileScenario(`
      VoxEngine.addEventListener(AppEvents.Started, () => Logger.write('started'));
      VoxEngine.addEventListener(AppEvents.Terminating, () => { Logger.write('done'); VoxEngine.terminate(); });
    `);
    const delegates = [new RecordingDelegate(), new RecordingDelegate(), new RecordingDelegate(), new RecordingDelegate()];
    const sessions = [] as WorkerSession[];
    for (const [i, delegate] of delegates.entries()) {
      sessions.push((await supervisor.startSession({ sessionId: `s${i}`, scenario }, delegate)) as WorkerSession);
    }
    for (const session of sessions) session.deliver(started);
    await waitFor(() => delegates.every((d) => d.logs.length === 1));

    const victim = sessions[0]!.workerPid;
    const [onVictim, onOther] = [sessions.filter((s) => s.workerPid === victim), sessions.filter((s) => s.workerPid !== victim)];
    expect(onVictim.length).toBe(2);
    process.kill(victim, 'SIGABRT');
    await waitFor(() => onVictim.every((s) => !s.alive));

    for (const session of onVictim) {
      const delegate = delegates[sessions.indexOf(session)]!;
      expect(delegate.failures).toEqual([{ kind: 'workerDied', message: expect.stringContaining('SIGABRT') }]);
    }
    for (const session of onOther) {
      session.deliver({ type: 'app', event: 'Application.Terminating', payload: {} });
      const delegate = delegates[sessions.indexOf(session)]!;
      await waitFor(() => delegate.commands.length === 3);
      expect(delegate.logs).toEqual(['started', 'done']);
      expect(delegate.failures).toEqual([]);
    }
    expect(exits).toContainEqual({ pid: victim, sessions: 2 });

    await waitFor(() => supervisor.workerPids().length === 2);
    expect(supervisor.workerPids()).not.toContain(victim);
    const afterRestart = new RecordingDelegate();
    const fresh = await supervisor.startSession({ sessionId: 'fresh', scenario }, afterRestart);
    fresh.deliver(started);
    await waitFor(() => afterRestart.logs.length === 1);
    for (const session of sessions) session.dispose();
    fresh.dispose();
  });

  it('ends an infinite loop in a worker without disturbing the worker\'s other session', async () => {
    const looping = await compileScenario('VoxEngine.addEventListener(AppEvents.Started, () => { for (;;) {} });');
    const healthy = await compileScenario(healthyScenario);
    const loopDelegate = new RecordingDelegate();
    const healthyDelegate = new RecordingDelegate();
    const loop = await supervisor.startSession({ sessionId: 'loop', scenario: looping, limits: { callbackTimeoutMs: 200 } }, loopDelegate);
    const fine = await supervisor.startSession({ sessionId: 'fine', scenario: healthy }, healthyDelegate);
    loop.deliver(started);
    fine.deliver(started);
    await waitFor(() => loopDelegate.failures.length === 1 && healthyDelegate.commands.length === 2);
    expect(loopDelegate.failures[0]!.kind).toBe('timeout');
    expect(healthyDelegate.failures).toEqual([]);
    fine.dispose();
  });
  it('loses only the sessions of a worker that a scenario crashes with an allocation V8 cannot survive', async () => {
    const healthy = await compileScenario(`
      VoxEngine.addEventListener(AppEvents.Started, () => Logger.write('started'));
      VoxEngine.addEventListener(AppEvents.Terminating, () => Logger.write('done'));
    `);
    // One 800 MB array in a 16 MB isolate: V8 gives up (a fatal out-of-memory), not isolated-vm's soft limit.
    const crashing = await compileScenario('VoxEngine.addEventListener(AppEvents.Started, () => { new Array(1e8).fill(0); });');
    await waitFor(() => supervisor.workerPids().length === 2);
    const bystanders = [new RecordingDelegate(), new RecordingDelegate()];
    const sessions = [] as WorkerSession[];
    for (const [i, delegate] of bystanders.entries()) {
      sessions.push((await supervisor.startSession({ sessionId: `b${i}`, scenario: healthy }, delegate)) as WorkerSession);
    }
    const crashDelegate = new RecordingDelegate();
    const crasher = (await supervisor.startSession({ sessionId: 'oom', scenario: crashing }, crashDelegate)) as WorkerSession;
    const sameWorker = sessions.filter((s) => s.workerPid === crasher.workerPid);
    const otherWorker = sessions.filter((s) => s.workerPid !== crasher.workerPid);
    expect(otherWorker.length).toBeGreaterThan(0);

    crasher.deliver(started);
    await waitFor(() => crashDelegate.failures.length === 1);
    expect(crashDelegate.failures[0]!.kind).toBe('workerDied');
    for (const session of sameWorker) expect(bystanders[sessions.indexOf(session)]!.failures).toMatchObject([{ kind: 'workerDied' }]);
    for (const session of otherWorker) {
      const delegate = bystanders[sessions.indexOf(session)]!;
      session.deliver(started);
      session.deliver({ type: 'app', event: 'Application.Terminating', payload: {} });
      await waitFor(() => delegate.logs.length === 2);
      expect(delegate.logs).toEqual(['started', 'done']);
      expect(delegate.failures).toEqual([]);
      session.dispose();
    }
    await waitFor(() => supervisor.workerPids().length === 2);
  });
});

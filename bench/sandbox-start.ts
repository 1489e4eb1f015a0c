/**
 * Sandbox session start cost. Run: `node --no-node-snapshot --import tsx bench/sandbox-start.ts [--seconds 5]`
 *
 * A "start" is what an incoming call costs the sandbox: an isolate with the prelude, the scenario loaded (from the
 * per-process code cache), `call.added` and `AppEvents.CallAlerting` delivered and handled (the scenario answers, and
 * the host has received that command). Measured three ways:
 *   1. one in-process host, one session at a time, each disposed after its answer: sustained starts/s in one process;
 *   2. the worker-process supervisor with one worker per core, 32 starts in flight: sustained starts/s on the machine;
 *   3. resident memory per idle session: 300 sessions left alive after their CallAlerting, RSS before and after.
 * CPU time per start (from /proc, all threads) is reported beside the rates, because the rates depend on whatever else
 * the machine runs; so is the CPU cost of a bare isolate, the floor under any start.
 * Results replace the `## Sandbox` section of bench/RESULTS.md.
 */
import { readFileSync, writeFileSync, existsSync } from 'node:fs';
import ivm from 'isolated-vm';
import { availableParallelism, cpus, loadavg } from 'node:os';
import { ScenarioCompiler } from '../engine/sandbox/compile-scenario.js';
import { InProcessSandboxHost } from '../engine/sandbox/in-process-host.js';
import { preludeSource } from '../engine/sandbox/prelude/build-prelude.js';
import { SandboxSupervisor } from '../engine/sandbox/sandbox-supervisor.js';
import type { CompiledScenario, SandboxHost, SandboxSession } from '../engine/sandbox/sandbox-types.js';
import type { CallMirror, ScenarioCommand } from '../engine/session/scenario-protocol.js';

const seconds = Number(process.argv[process.argv.indexOf('--seconds') + 1]) || 5;
const idleSessions = 300;

const scenarioSource = `
VoxEngine.addEventListener(AppEvents.CallAlerting, (e) => {
  const call = e.call;
  call.addEventListener(CallEvents.Connected, () => call.say('Welcome to callscript'));
  call.addEventListener(CallEvents.Disconnected, () => VoxEngine.terminate());
  call.answer();
});
`;

function mirror(id: string): CallMirror {
  return { id, state: 'ALERTING', incoming: true, callerid: '+15550100', displayName: 'Bench', number: '+15550199', clientType: 'sip', customData: '', headers: {} };
}

/** Starts one session and resolves once the host has the scenario's answer command. */
function startOne(host: SandboxHost, scenario: CompiledScenario, n: number): Promise<SandboxSession> {
  return new Promise((resolve, reject) => {
    let session: SandboxSession | undefined;
    let answered = false;
    const onCommand = (command: ScenarioCommand) => {
      if (command.op === 'call.method' && command.method === 'answer') {
        answered = true;
        if (session) resolve(session);
      }
    };
    host
      .startSession({ sessionId: `bench-${n}`, scenario }, { onCommand, onFailure: (f) => reject(new Error(`${f.kind}: ${f.message}`)) })
      .then((started) => {
        session = started;
        started.deliver({ type: 'call.added', mirror: mirror(`call-${n}`) });
        started.deliver({ type: 'app', event: 'Application.CallAlerting', payload: { call: `call-${n}`, callerid: '+15550100', destination: '+15550199', displayName: 'Bench', fromURI: '', toURI: '', customData: '' } });
        if (answered) resolve(started);
      }, reject);
  });
}

interface Throughput {
  perSecond: number;
  p50: number;
  p99: number;
  starts: number;
}

async function sustained(host: SandboxHost, scenario: CompiledScenario, inFlight: number): Promise<Throughput> {
  const latencies: number[] = [];
  const deadline = performance.now() + seconds * 1000;
  let n = 0;
  const lane = async () => {
    while (performance.now() < deadline) {
      const t0 = performance.now();
      const session = await startOne(host, scenario, n++);
      latencies.push(performance.now() - t0);
      session.dispose();
    }
  };
  const t0 = performance.now();
  await Promise.all(Array.from({ length: inFlight }, lane));
  const elapsed = (performance.now() - t0) / 1000;
  latencies.sort((a, b) => a - b);
  const at = (q: number) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))]!;
  return { perSecond: latencies.length / elapsed, p50: at(0.5), p99: at(0.99), starts: latencies.length };
}

/** CPU time (user + system) a process has used, in ms, from /proc: load on the machine does not change it. */
function cpuMsOf(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  const ticks = Number(fields[11]) + Number(fields[12]);
  return (ticks * 1000) / clockTicksPerSecond;
}
const clockTicksPerSecond = 100;

function rssOf(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+) kB/.exec(status)![1]) * 1024;
}

/** CPU ms of a bare isolated-vm isolate with one context, created and disposed: the floor under any start. */
function bareIsolateCpuMs(count = 200): number {
  const before = cpuMsOf(process.pid);
  for (let i = 0; i < count; i++) {
    const isolate = new ivm.Isolate({ memoryLimit: 16 });
    isolate.createContextSync().release();
    isolate.dispose();
  }
  return (cpuMsOf(process.pid) - before) / count;
}

/** Sustained starts through a supervisor started for this measurement alone, with its CPU per start. */
async function supervisorThroughput(prelude: string, scenario: CompiledScenario, workers: number, sessionsPerIsolate: number): Promise<Throughput & { cpuMs: number }> {
  const supervisor = await SandboxSupervisor.start({ preludeSource: prelude, workers, poolSize: 2, sessionsPerIsolate });
  try {
    await startOne(supervisor, scenario, -3).then((s) => s.dispose());
    const pids = [process.pid, ...supervisor.workerPids()];
    const before = pids.reduce((sum, pid) => sum + cpuMsOf(pid), 0);
    const result = await sustained(supervisor, scenario, 32);
    return { ...result, cpuMs: (pids.reduce((sum, pid) => sum + cpuMsOf(pid), 0) - before) / result.starts };
  } finally {
    await supervisor.close();
  }
}

async function settle(): Promise<void> {
  for (let i = 0; i < 5; i++) await new Promise((resolve) => setTimeout(resolve, 50));
}

async function main(): Promise<void> {
  const prelude = preludeSource();
  const scenario = await new ScenarioCompiler().compileSource({ fileName: 'bench.ts', source: scenarioSource });
  const lines: string[] = [];
  const load = loadavg()[0]!.toFixed(1);

  const floorMs = bareIsolateCpuMs();
  const host = new InProcessSandboxHost({ preludeSource: prelude, poolSize: 2 });
  await startOne(host, scenario, -1).then((s) => s.dispose());
  const cpuBefore = cpuMsOf(process.pid);
  const single = await sustained(host, scenario, 1);
  const singleCpuMs = (cpuMsOf(process.pid) - cpuBefore) / single.starts;
  await settle();
  const before = process.memoryUsage().rss;
  const idle: SandboxSession[] = [];
  for (let i = 0; i < idleSessions; i++) idle.push(await startOne(host, scenario, 100_000 + i));
  await settle();
  const perIdle = (process.memoryUsage().rss - before) / idleSessions;
  const liveSessions = host.stats().sessions;
  for (const session of idle) session.dispose();
  await host.close();

  const workers = availableParallelism();
  const fresh = await supervisorThroughput(prelude, scenario, workers, 1);
  await settle();
  const supervisor = await SandboxSupervisor.start({ preludeSource: prelude, workers, poolSize: 2 });
  await startOne(supervisor, scenario, -2).then((s) => s.dispose());
  const pids = [process.pid, ...supervisor.workerPids()];
  const multiCpuBefore = pids.reduce((sum, pid) => sum + cpuMsOf(pid), 0);
  const multi = await sustained(supervisor, scenario, 32);
  const multiCpuMs = (pids.reduce((sum, pid) => sum + cpuMsOf(pid), 0) - multiCpuBefore) / multi.starts;
  await settle();
  const workersBefore = supervisor.workerPids().reduce((sum, pid) => sum + rssOf(pid), 0);
  const workerIdle: SandboxSession[] = [];
  for (let i = 0; i < idleSessions; i++) workerIdle.push(await startOne(supervisor, scenario, 200_000 + i));
  await settle();
  const workersAfter = supervisor.workerPids().reduce((sum, pid) => sum + rssOf(pid), 0);
  const perIdleWorker = (workersAfter - workersBefore) / idleSessions;
  for (const session of workerIdle) session.dispose();
  await supervisor.close();

  const mb = (bytes: number) => (bytes / 1048576).toFixed(2);
  lines.push(
    '## Sandbox',
    '',
    `Command: \`node --no-node-snapshot --import tsx bench/sandbox-start.ts --seconds ${seconds}\` (${new Date().toISOString().slice(0, 16)}Z, ${cpus()[0]!.model.trim()} x${cpus().length}, Node ${process.version}, 1-minute load average ${load} when it started).`,
    '',
    'A start = isolate with the prelude + scenario loaded from the code cache + `call.added` and `AppEvents.CallAlerting` delivered and handled (the answer command received by the host). Each session is disposed after its answer in the throughput rows.',
    '',
    'CPU ms per start is the CPU time (user + system, all threads, from /proc) of the processes involved divided by the starts. It depends far less than starts/s on what else the machine runs (though contention still inflates it), so `cores x 1000 / CPU ms` estimates the rate this machine could sustain if the benchmark had it to itself.',
    '',
    '| case | starts/s measured | CPU ms per start | starts/s for 2 idle cores (2000 / CPU ms) | p50 latency (ms) | p99 latency (ms) |',
    '|---|---|---|---|---|---|',
    `| in-process host, one process, one start at a time | ${single.perSecond.toFixed(0)} | ${singleCpuMs.toFixed(2)} | ${(2000 / singleCpuMs).toFixed(0)} | ${single.p50.toFixed(2)} | ${single.p99.toFixed(2)} |`,
    `| baseline: supervisor, a new isolate for every session (\`sessionsPerIsolate: 1\`), 32 in flight | ${fresh.perSecond.toFixed(0)} | ${fresh.cpuMs.toFixed(2)} | ${(2000 / fresh.cpuMs).toFixed(0)} | ${fresh.p50.toFixed(2)} | ${fresh.p99.toFixed(2)} |`,
    `| **supervisor as the engine runs it** (engine process + ${workers} workers, isolates reused), 32 in flight | ${multi.perSecond.toFixed(0)} | ${multiCpuMs.toFixed(2)} | ${(2000 / multiCpuMs).toFixed(0)} | ${multi.p50.toFixed(2)} | ${multi.p99.toFixed(2)} |`,
    '',
    `Reusing isolates: ${(multi.perSecond / fresh.perSecond).toFixed(2)}x the starts per second of the baseline, at ${(multiCpuMs / fresh.cpuMs).toFixed(2)}x its CPU per start.`,
    '',
    `A bare isolated-vm isolate with one context costs ${floorMs.toFixed(2)} CPU ms to create and dispose (measured alone, same run). The baseline pays that for every session; the engine pays it once per 32 sessions, and otherwise gives the finished session's isolate a new context with the bridge bootstrap and the prelude run in it (from V8's code cache). The rest of a start is the scenario, the two events and, for the supervisor, IPC. Sandbox workers run with \`--no-lazy\`, so the code cache holds every prelude and scenario function compiled. The prelude is not restored from a V8 startup snapshot, because on this Node/isolated-vm pair snapshots restore single-character strings wrongly (see docs/sandbox.md).`,
    '',
    `Resident memory per idle session (${idleSessions} sessions alive after CallAlerting): ${mb(perIdle)} MB in one process (in-process host, ${liveSessions} sessions alive), ${mb(perIdleWorker)} MB in the worker processes.`,
    '',
    'Targets: 500 session starts per second on this 2-core machine; at most 3 MB resident memory per idle session.',
    '',
    `Result: ${multi.perSecond >= 500 ? 'met' : '**not met**'} for starts (${multi.perSecond.toFixed(0)} per second through the supervisor), ${Math.max(perIdle, perIdleWorker) <= 3 * 1048576 ? 'met' : '**not met**'} for memory (${mb(Math.max(perIdle, perIdleWorker))} MB per idle session).`,
    '',
  );
  const section = lines.join('\n');
  process.stdout.write(`${section}\n`);
  writeSection(section);
}

function writeSection(section: string): void {
  const path = new URL('./RESULTS.md', import.meta.url);
  const text = existsSync(path) ? readFileSync(path, 'utf8') : '# Benchmark results\n\n';
  const start = text.indexOf('## Sandbox\n');
  if (start < 0) {
    writeFileSync(path, `${text.trimEnd()}\n\n${section.trimEnd()}\n`);
    return;
  }
  const next = text.indexOf('\n## ', start + 1);
  writeFileSync(path, `${text.slice(0, start)}${section.trimEnd()}\n${next < 0 ? '' : `\n${text.slice(next + 1)}`}`);
}

await main();

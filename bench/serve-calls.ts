/**
 * `callscript serve` under sipp load: each call is answered by a scenario session (its own isolate), hears one
 * second of audio (a WAV file played over RTP) and is hung up by the engine; sipp answers the BYE. For each offered
 * rate, sustained for --seconds: calls completed and failed, and the INVITE -> 200 OK response time (sipp's rtd,
 * per call) p50 / p99. Beside each rate, in the same run, the same sipp caller against sipp's own UAS doing the engine's
 * signalling (200 OK, one second, BYE; no scenario, media or store): the baseline for the latency ratio. The
 * baselines run first; then the engine's rates, in the order given, back to back.
 *   node --no-node-snapshot --import tsx bench/serve-calls.ts --rates 50,100,200,300 --seconds 60 [--store-sync normal]
 *     [--ready-isolates N]   (the config's sandbox.readyIsolates; default: the engine's)
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { freePort } from '../test/interop/sip/helpers.js';
import { machineShare, machineTimes, processTreeCpuMs } from './cpu-accounting.js';

const { values } = parseArgs({
  options: {
    rates: { type: 'string', default: '50,100,200,300' },
    seconds: { type: 'string', default: '60' },
    'store-sync': { type: 'string', default: 'full' },
    'ready-isolates': { type: 'string' },
  },
});
const rates = values.rates.split(',').map(Number);
const seconds = Number(values.seconds);
const here = new URL('./serve-calls/', import.meta.url).pathname;
const bin = new URL('../bin/callscript.js', import.meta.url).pathname;

const dir = mkdtempSync(join(tmpdir(), 'callscript-bench-serve-'));
const sox = spawnSync('sox', ['-n', '-r', '8000', '-c', '1', '-b', '16', join(dir, 'one-second.wav'), 'synth', '1', 'sine', '440', 'vol', '0.5']);
if (sox.status !== 0) throw new Error(`sox failed: ${sox.stderr}`);
const sipPort = await freePort();
writeFileSync(
  join(dir, 'config.json'),
  JSON.stringify({
    sip: { listen: [{ transport: 'udp', host: '127.0.0.1', port: sipPort }] },
    rtp: { minPort: 20000, maxPort: 29999 },
    api: { port: await freePort(), token: 'bench' },
    dataDir: join(dir, 'data'),
    store: { sync: values['store-sync'] },
    ...(values['ready-isolates'] && { sandbox: { readyIsolates: Number(values['ready-isolates']) } }),
    tts: { cacheDir: join(dir, 'tts') },
    limits: { idleTerminateMs: 5000 },
    log: { level: 'warn' },
    rules: [{ pattern: '.*', scenario: join(here, 'answer-play-hangup.scenario.js') }],
  }),
);

const serve = spawn(process.execPath, [bin, 'serve', '--config', join(dir, 'config.json')], { cwd: dir, stdio: ['ignore', 'pipe', 'inherit'] });
await new Promise<void>((resolve, reject) => {
  let out = '';
  serve.stdout!.on('data', (chunk: Buffer) => {
    out += chunk.toString();
    if (out.includes('callscript serving') || out.includes('"level":40')) resolve();
  });
  serve.once('exit', (code) => reject(new Error(`serve exited ${code}`)));
  setTimeout(resolve, 15_000);
});
// The engine logs only warnings from here on; drain its pipe so it never blocks.
serve.stdout!.resume();

interface Row {
  rate: number;
  target: 'callscript serve' | 'sipp UAS (baseline)';
  offered: number;
  successful: number;
  failed: number;
  p50: number;
  p99: number;
  max: number;
  /** CPU ms per offered call of the answering side: the engine with its workers, or sipp's UAS. */
  cpuPerCall: number;
  /** The whole machine over the rate's run, in percent: busy (all processes), and lost to steal. */
  busy: number;
  steal: number;
  load: string;
}

// The baselines run first, so that the engine's rates follow one another and each starts from the previous one's
// steady state: a minute of sipp-only load between them left the engine idle and let its isolate pool shrink.
const baselines: Row[] = [];
for (const rate of rates) baselines.push(await runBaseline(rate));
const rows: Row[] = [];
for (const [i, rate] of rates.entries()) rows.push(await runRate(rate, sipPort, 'callscript serve', serve.pid!), baselines[i]!);
serve.kill('SIGTERM');
await new Promise((resolve) => serve.once('exit', resolve));
rmSync(dir, { recursive: true, force: true });

const cpu = cpus()[0]?.model ?? 'unknown CPU';
process.stdout.write(`\n${new Date().toISOString()}, ${cpu} x${cpus().length}, Node ${process.version}, ${seconds} s per rate, store sync ${values['store-sync']}, ready isolates per worker ${values['ready-isolates'] ?? 'default'}\n\n`);
process.stdout.write('| offered cps | answered by | calls offered | completed | failed | INVITE->200 p50 (ms) | p99 (ms) | max (ms) | answerer CPU ms/call | machine busy / steal (%) | load avg (1 min) at end |\n|---|---|---|---|---|---|---|---|---|---|---|\n');
for (const r of rows) {
  process.stdout.write(`| ${r.rate} | ${r.target} | ${r.offered} | ${r.successful} | ${r.failed} | ${r.p50.toFixed(1)} | ${r.p99.toFixed(1)} | ${r.max.toFixed(1)} | ${r.cpuPerCall.toFixed(2)} | ${r.busy.toFixed(0)} / ${r.steal.toFixed(1)} | ${r.load} |\n`);
}

/** sipp's UAS on its own port, answering the same caller at `rate`. */
async function runBaseline(rate: number): Promise<Row> {
  const port = await freePort();
  const uasDir = mkdtempSync(join(dir, `uas-${rate}-`));
  const uas = spawn(
    'sipp',
    ['-sf', join(here, 'uas-baseline.xml'), '-i', '127.0.0.1', '-p', String(port), '-mi', '127.0.0.1', '-mp', String(await freePort()), '-nostdin', '-buff_size', String(8 << 20)],
    { cwd: uasDir, stdio: ['ignore', 'ignore', 'ignore'] },
  );
  await new Promise((resolve) => setTimeout(resolve, 500));
  try {
    return await runRate(rate, port, 'sipp UAS (baseline)', uas.pid!);
  } finally {
    uas.kill('SIGKILL');
  }
}

/** sipp's caller at `rate` against `port` for --seconds; `answererPid` is the process tree whose CPU is counted. */
async function runRate(rate: number, port: number, target: Row['target'], answererPid: number): Promise<Row> {
  const work = mkdtempSync(join(dir, `sipp-${rate}-`));
  const offered = rate * seconds;
  const machineBefore = machineTimes();
  const cpuBefore = processTreeCpuMs(answererPid);
  const sipp: ChildProcess = spawn(
    'sipp',
    [
      `127.0.0.1:${port}`,
      '-sf', join(here, 'uac-answered-then-bye.xml'),
      '-s', '100',
      '-i', '127.0.0.1',
      '-p', String(await freePort()),
      '-mi', '127.0.0.1',
      '-mp', String(await freePort()),
      '-m', String(offered),
      '-r', String(rate),
      '-l', String(rate * 5),
      '-timeout', `${seconds + 60}s`,
      '-timeout_error',
      '-nostdin',
      '-trace_stat', '-stf', join(work, 'stat.csv'),
      '-trace_rtt', '-rtt_freq', '1',
      '-buff_size', String(8 << 20),
    ],
    { cwd: work, stdio: ['ignore', 'ignore', 'ignore'] },
  );
  await new Promise((resolve) => sipp.once('exit', resolve));
  const machine = machineShare(machineBefore, machineTimes());
  const cpuPerCall = (processTreeCpuMs(answererPid) - cpuBefore) / offered;
  const stats = lastStats(join(work, 'stat.csv'));
  const rttFile = readdirSync(work).find((name) => name.endsWith('_rtt.csv'));
  const times = rttFile ? readRtts(join(work, rttFile)) : [];
  times.sort((a, b) => a - b);
  const at = (q: number) => times[Math.min(times.length - 1, Math.floor(q * times.length))] ?? NaN;
  const row: Row = {
    rate,
    target,
    offered,
    successful: Number(stats['SuccessfulCall(C)'] ?? 0),
    failed: Number(stats['FailedCall(C)'] ?? 0),
    p50: at(0.5),
    p99: at(0.99),
    max: times.at(-1) ?? NaN,
    cpuPerCall,
    busy: machine.busy * 100,
    steal: machine.steal * 100,
    load: loadavg()[0]!.toFixed(1),
  };
  process.stderr.write(`${JSON.stringify(row)}\n`);
  // Let the sessions of this rate end before the next one starts.
  await new Promise((resolve) => setTimeout(resolve, 3000));
  return row;
}

function lastStats(file: string): Record<string, string> {
  const lines = readFileSync(file, 'latin1').split('\n').filter((line) => line.trim());
  const names = lines[0]!.split(';');
  const last = lines.at(-1)!.split(';');
  return Object.fromEntries(names.map((name, i) => [name, last[i] ?? '']));
}

/** sipp's rtt file: `date_ms;date_sec;rtd_ms;rtd_no` per call (the header line names the columns). */
function readRtts(file: string): number[] {
  const lines = readFileSync(file, 'latin1').split('\n').filter((line) => line.trim());
  const header = lines[0]!.split(';');
  const column = header.findIndex((name) => /response_time/i.test(name));
  return lines.slice(1).map((line) => Number(line.split(';')[column >= 0 ? column : 2])).filter((value) => Number.isFinite(value));
}

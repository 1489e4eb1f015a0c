/**
 * Calls per second for INVITE/200/ACK/BYE/200 against a minimal callscript UAS, driven by sipp's built-in UAC at a
 * fixed rate, side by side in the same run with sipp's own built-in UAS (`-sn uas`) under the same sipp options.
 * Records the achieved rate, failed calls and sipp's retransmission count for both, and their ratio, in
 * bench/RESULTS.md under "## SIP stack".
 *
 *   node --import tsx bench/sip-uas.ts [--rates 2000,1000] [--duration 60] [--no-record]
 * Each rate runs both targets; the table gets a pair of rows per rate.
 */
import { spawn } from 'node:child_process';
import { readFileSync, writeFileSync, existsSync } from 'node:fs';
import { cpus } from 'node:os';
import { createInterface } from 'node:readline';
import { freePort } from '../test/interop/sip/helpers.js';
import { runSipp, startSipp, stopSipp, type SippResult } from '../test/interop/sip/sipp.js';

const args = process.argv.slice(2);
const option = (name: string, fallback: number): number => {
  const index = args.indexOf(`--${name}`);
  return index >= 0 ? Number(args[index + 1]) : fallback;
};
const ratesIndex = args.indexOf('--rates');
const rates = ratesIndex >= 0 ? args[ratesIndex + 1]!.split(',').map(Number) : [option('rate', 2000)];
const duration = option('duration', 60);
const record = !args.includes('--no-record');
// sipp's defaults make sipp itself fail at 2-3k calls/s; both targets get the same raised buffers.
const BUFFER = String(8 << 20);
const sippLoad = (rate: number): string[] => ['-buff_size', BUFFER, '-l', String(rate * 10), '-max_recv_loops', '10000', '-max_sched_loops', '10000'];

interface Run {
  readonly target: string;
  readonly rate: number;
  readonly result: SippResult;
  readonly elapsedSeconds: number;
}

async function drive(target: string, port: number, rate: number): Promise<Run> {
  const started = Date.now();
  const result = await runSipp({
    scenario: 'uac',
    remote: `127.0.0.1:${port}`,
    calls: rate * duration,
    rate,
    timeoutSeconds: duration + 40,
    extra: sippLoad(rate),
  });
  return { target, rate, result, elapsedSeconds: (Date.now() - started) / 1000 };
}

async function benchCallscript(rate: number): Promise<Run> {
  const port = await freePort();
  const server = spawn(process.execPath, ['--max-semi-space-size=32', '--import', 'tsx', 'bench/sip-uas-server.ts', String(port)], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  await new Promise<void>((resolve, reject) => {
    server.once('exit', (code) => reject(new Error(`callscript UAS exited with ${code}`)));
    createInterface({ input: server.stdout! }).on('line', (line) => line.startsWith('ready') && resolve());
  });
  try {
    return await drive('callscript UAS', port, rate);
  } finally {
    server.kill('SIGTERM');
  }
}

async function benchSipp(rate: number): Promise<Run> {
  const port = await freePort();
  const uas = startSipp({ scenario: 'uas', localPort: port, calls: rate * duration, timeoutSeconds: duration + 60, extra: ['-buff_size', BUFFER] });
  await new Promise((resolve) => setTimeout(resolve, 500));
  try {
    return await drive('sipp -sn uas', port, rate);
  } finally {
    stopSipp(uas.process);
    await uas.done.catch(() => undefined);
  }
}

function achievedRate(run: Run): number {
  return Number(run.result.stats['CallRate(C)'] ?? 0);
}

function line(run: Run): string {
  const { result } = run;
  return `| ${run.target} | ${run.rate} | ${duration} | ${achievedRate(run).toFixed(0)} | ${result.successfulCalls} | ${result.failedCalls} | ${result.retransmissions} |`;
}

function clean(run: Run): boolean {
  return run.result.failedCalls === 0 && run.result.retransmissions === 0 && run.result.successfulCalls === run.rate * duration;
}

const loadAtStart = readFileSync('/proc/loadavg', 'utf8').split(' ')[0];
const rows: string[] = [];
const verdicts: string[] = [];
for (const rate of rates) {
  const callscript = await benchCallscript(rate);
  const reference = await benchSipp(rate);
  rows.push(line(callscript), line(reference));
  const ratio = achievedRate(reference) > 0 ? achievedRate(callscript) / achievedRate(reference) : 0;
  verdicts.push(`- ${rate} calls/s: ratio callscript / sipp UAS ${ratio.toFixed(2)}; callscript clean (every call, no failure, no retransmission): ${clean(callscript) ? 'yes' : 'no'}; sipp UAS clean: ${clean(reference) ? 'yes' : 'no'}.`);
}

const section = [
  '## SIP stack',
  '',
  `\`node --import tsx bench/sip-uas.ts --rates ${rates.join(',')} --duration ${duration}\`, ${new Date().toISOString().slice(0, 16)}Z, ` +
    `${cpus().length} cores (${cpus()[0]?.model.trim()}), load average ${loadAtStart} at start and ${readFileSync('/proc/loadavg', 'utf8').split(' ')[0]} at end ` +
    `(other work shares the machine). sipp's built-in UAC (INVITE, ACK, BYE) with \`-buff_size ${BUFFER}\` drives each UAS in turn over UDP on 127.0.0.1; ` +
    'the callscript UAS is `bench/sip-uas-server.ts` in its own process.',
  '',
  '| UAS | target calls/s | seconds | achieved calls/s (sipp CallRate) | successful | failed | retransmissions |',
  '|---|---|---|---|---|---|---|',
  ...rows,
  '',
  ...verdicts,
  '',
].join('\n');
console.log(section);
if (record) {
  const path = new URL('./RESULTS.md', import.meta.url).pathname;
  const existing = existsSync(path) ? readFileSync(path, 'utf8') : '# Benchmark results\n';
  const start = existing.indexOf('## SIP stack');
  let next = start < 0 ? -1 : existing.indexOf('\n## ', start + 1);
  if (next >= 0) next += 1;
  const updated =
    start < 0 ? `${existing.trimEnd()}\n\n${section}` : `${existing.slice(0, start)}${section}${next >= 0 ? `\n${existing.slice(next)}` : ''}`;
  writeFileSync(path, updated);
}

/**
 * How far plain Node gets with issue 4's packet rate when the sockets are spread over worker threads: the question
 * behind moving RTP socket I/O off the engine's main thread. N sockets, split evenly over T threads; each socket
 * sends a 172-byte RTP-sized datagram every 20 ms (phases spread over twenty 1 ms slots) to an echo peer and receives
 * the echo. Reported per T: send deviation (handed to the socket minus due: p50, p99, max), datagrams lost, and the
 * process's CPU. No callscript code runs here; bench/media-endpoints.ts measures the engine's own endpoints.
 *
 * The echo peer (bench/echo-peer.ts) is the Node reflector of bench/media-udp-reflector.ts, or with `--echo sipp`
 * sipp's RTP echo.
 *   node --import tsx bench/udp-sharded-sender.ts --calls 1000 --threads 1,2,4 --seconds 8 [--echo node|sipp]
 */
import { cpus, loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { parseArgs } from 'node:util';
import { Worker, isMainThread, parentPort, workerData } from 'node:worker_threads';
import { bindCountingSockets } from './counting-sockets.js';
import { startNodeReflector, startSippEcho } from './echo-peer.js';

const ECHO_PORT = 39100;
/** Worker threads do not inherit the tsx loader: each registers it, then loads this file. */
const shardEntry = `import('tsx/esm/api').then((tsx) => { tsx.register(); return import(${JSON.stringify(import.meta.url)}); });`;
const SLOTS = 20;

interface ShardTask {
  sockets: number;
  seconds: number;
}

interface ShardResult {
  deviations: Float64Array;
  sent: number;
  received: number;
}

if (isMainThread) {
  await main();
} else {
  parentPort!.postMessage(await runShard(workerData as ShardTask));
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      calls: { type: 'string', default: '1000' },
      threads: { type: 'string', default: '1,2,4' },
      seconds: { type: 'string', default: '8' },
      echo: { type: 'string', default: 'node' },
    },
  });
  const calls = Number(values.calls);
  const seconds = Number(values.seconds);
  const echo = values.echo === 'sipp' ? await startSippEcho(ECHO_PORT) : await startNodeReflector(ECHO_PORT);
  console.log(`${new Date().toISOString()}, ${cpus()[0]?.model ?? 'unknown CPU'} x${cpus().length}, Node ${process.version}, load ${loadavg()[0]!.toFixed(2)}, echo peer ${echo.name}`);
  console.log(`\n| calls | threads | send deviation p50 (ms) | p99 (ms) | max (ms) | lost | sender CPU (of one core) | echo peer CPU |\n|---|---|---|---|---|---|---|---|`);
  for (const threads of values.threads.split(',').map(Number)) {
    const workers = Array.from({ length: threads }, (_, i) => {
      const sockets = Math.floor(calls / threads) + (i < calls % threads ? 1 : 0);
      return new Worker(shardEntry, { eval: true, workerData: { sockets, seconds } satisfies ShardTask });
    });
    // Every shard binds its sockets first; then all start on one absolute instant, so none competes with another's start-up.
    await Promise.all(workers.map((worker) => new Promise((resolve) => worker.once('message', resolve))));
    const cpuBefore = process.cpuUsage();
    const echoBefore = await echo.cpuMs();
    const startAt = performance.timeOrigin + performance.now() + 100;
    const results = await Promise.all(
      workers.map((worker) => {
        worker.postMessage(startAt);
        return new Promise<ShardResult>((resolve, reject) => {
          worker.once('message', resolve);
          worker.once('error', reject);
        });
      }),
    );
    const cpu = process.cpuUsage(cpuBefore);
    const deviations = Float64Array.from(results.flatMap((r) => Array.from(r.deviations))).sort();
    const at = (q: number) => deviations[Math.min(deviations.length - 1, Math.floor(q * deviations.length))]!.toFixed(2);
    const sent = results.reduce((n, r) => n + r.sent, 0);
    const lost = sent - results.reduce((n, r) => n + r.received, 0);
    // From the common start to the last shard's report: the sending time plus 0.4 s (lead-in, drain).
    const share = ((cpu.user + cpu.system) / 1000 / (seconds * 1000)) * 100;
    const echoShare = ((await echo.cpuMs()) - echoBefore) / (seconds * 10);
    console.log(`| ${calls} | ${threads} | ${at(0.5)} | ${at(0.99)} | ${deviations.at(-1)!.toFixed(2)} | ${lost} of ${sent} | ${share.toFixed(0)}% | ${echoShare.toFixed(0)}% |`);
  }
  echo.stop();
}

async function runShard({ sockets: count, seconds }: ShardTask): Promise<ShardResult> {
  const bound = await bindCountingSockets(count);
  const sockets = bound.sockets;
  parentPort!.postMessage('bound');
  const startAt = await new Promise<number>((resolve) => parentPort!.once('message', resolve));
  const packet = Buffer.alloc(172, 0x80);
  const deviations = new Float64Array(count * seconds * 50 + count);
  let sent = 0;
  const start = startAt - performance.timeOrigin;
  const end = start + seconds * 1000;
  let slotIndex = 0;
  await new Promise<void>((resolve) => {
    const tick = (): void => {
      const now = performance.now();
      while (start + slotIndex <= now + 0.5 && start + slotIndex < end) {
        const due = start + slotIndex;
        for (let i = slotIndex % SLOTS; i < count; i += SLOTS) {
          sockets[i]!.send(packet, ECHO_PORT, '127.0.0.1');
          if (sent < deviations.length) deviations[sent] = performance.now() - due;
          sent++;
        }
        slotIndex++;
      }
      if (start + slotIndex < end) setTimeout(tick, Math.max(0, start + slotIndex - performance.now()));
      else resolve();
    };
    setTimeout(tick, Math.max(0, start - performance.now()));
  });
  await sleep(300);
  for (const socket of sockets) socket.close();
  return { deviations: deviations.slice(0, Math.min(sent, deviations.length)), sent, received: bound.received };
}

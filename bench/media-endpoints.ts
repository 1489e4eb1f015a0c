/**
 * Media benchmark (issue 4): N concurrent call legs, each an RtpEndpoint sending a 20 ms G.711 frame per period to a
 * far end that echoes it back, so that every leg also receives a stream. Measured per N, side by side with a bare
 * Node UDP sender of the same packet rate in the same run, against the same echo process:
 *   - send-time deviation: when each packet was handed to the socket, minus when it was due (p50, p99, max);
 *   - packets lost: sent minus echoed back and received;
 *   - CPU per call: this process's CPU time over the run, per call, as a share of one core.
 *
 * The echo peer is a Node process (bench/media-udp-reflector.ts, 8 MB receive buffer), about 0.65 of a core at 1,000
 * calls; `--echo sipp` uses sipp's RTP echo instead (C, a quarter of that CPU, but its default socket buffer drops
 * 2-3% of a 1,000-call burst, so its loss figures are the peer's).
 *
 * Run: node --import tsx --no-node-snapshot bench/media-endpoints.ts [N ...] [--seconds S] [--echo node|sipp]
 */
import { cpus, loadavg } from 'node:os';
import { setTimeout as sleep } from 'node:timers/promises';
import { systemClock } from '../engine/clock.js';
import { encodeUlaw } from '../engine/media/codec/g711.js';
import { FrameScheduler } from '../engine/media/pacing/frame-scheduler.js';
import { PortPool } from '../engine/media/rtp/port-pool.js';
import { RtpEndpoint } from '../engine/media/rtp/rtp-endpoint.js';
import { RtpPacket } from '../engine/media/rtp/rtp-packet.js';
import { SdpNegotiator } from '../engine/media/sdp/sdp-negotiator.js';
import { bindCountingSockets } from './counting-sockets.js';
import { startNodeReflector, startSippEcho, type EchoPeer } from './echo-peer.js';

const REFLECTOR_PORT = 39000;

interface Result {
  label: string;
  calls: number;
  seconds: number;
  sent: number;
  received: number;
  deviations: Float64Array;
  cpuMs: number;
  reflectorCpuMs: number;
}

function percentile(sorted: Float64Array, p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
}

/** One speech-like frame, encoded per packet as a real source would be. */
const pcm = Int16Array.from({ length: 160 }, (_, i) => Math.round(6000 * Math.sin((2 * Math.PI * 440 * i) / 8000)));

async function runEndpoints(calls: number, seconds: number, reflector: EchoPeer): Promise<Result> {
  const pool = new PortPool(20000, 20000 + calls * 2 + 100);
  const scheduler = new FrameScheduler(systemClock);
  const peer = new SdpNegotiator({ address: '127.0.0.1', port: REFLECTOR_PORT, codecs: ['PCMU'] });
  const endpoints: RtpEndpoint[] = [];
  const deviations = new Float64Array(Math.ceil(calls * (seconds * 50 + 100)));
  let count = 0;
  let measuring = false;
  for (let i = 0; i < calls; i++) {
    const endpoint = await RtpEndpoint.open({ portPool: pool, scheduler, clock: systemClock, bindAddress: '127.0.0.1' });
    const answer = new SdpNegotiator({ address: '127.0.0.1', port: endpoint.localPort }).answerOffer(peer.createOffer());
    if (!answer.ok) throw new Error(answer.reason);
    endpoint.setInputSource({ readFrame: () => pcm });
    endpoint.configure(answer.audio);
    const tick = endpoint.onTick;
    // The send path's own function field, wrapped: the time the packet went to the socket, against its due time.
    endpoint.onTick = (frameIndex, dueAt) => {
      tick(frameIndex, dueAt);
      if (measuring && count < deviations.length) deviations[count++] = Math.abs(performance.now() - dueAt);
    };
    endpoints.push(endpoint);
  }
  await sleep(1000);
  const sentBefore = endpoints.reduce((n, e) => n + e.stats.packetsSent, 0);
  const receivedBefore = endpoints.reduce((n, e) => n + e.stats.packetsReceived, 0);
  const cpuBefore = process.cpuUsage();
  const reflectorBefore = await reflector.cpuMs();
  measuring = true;
  await sleep(seconds * 1000);
  measuring = false;
  const cpu = process.cpuUsage(cpuBefore);
  const reflectorAfter = await reflector.cpuMs();
  const sent = endpoints.reduce((n, e) => n + e.stats.packetsSent, 0) - sentBefore;
  // Stop sending, then let the echoes in flight arrive before counting.
  for (const endpoint of endpoints) endpoint.setInputSource(null);
  await sleep(300);
  const received = endpoints.reduce((n, e) => n + e.stats.packetsReceived, 0) - receivedBefore;
  for (const endpoint of endpoints) endpoint.close();
  scheduler.close();
  if (pool.inUse !== 0) throw new Error(`${pool.inUse} ports not returned`);
  return {
    label: 'callscript RtpEndpoint',
    calls,
    seconds,
    sent,
    received,
    deviations: deviations.slice(0, count),
    cpuMs: (cpu.user + cpu.system) / 1000,
    reflectorCpuMs: reflectorAfter - reflectorBefore,
  };
}

/** The baseline: N plain sockets, one setTimeout chain for all, each sending a G.711 RTP packet per 20 ms. */
async function runBareUdp(calls: number, seconds: number, reflector: EchoPeer): Promise<Result> {
  const bound = await bindCountingSockets(calls);
  const sockets = bound.sockets;
  const deviations = new Float64Array(Math.ceil(calls * (seconds * 50 + 100)));
  let count = 0;
  let sent = 0;
  let measuring = false;
  let running = true;
  const start = performance.now();
  let period = 0;
  const tick = (): void => {
    if (!running) return;
    const due = start + period * 20;
    for (let i = 0; i < sockets.length; i++) {
      const packet = new RtpPacket(0, period & 0xffff, period * 160, i, encodeUlaw(pcm)).serialize();
      sockets[i]!.send(packet, REFLECTOR_PORT, '127.0.0.1');
      if (measuring) {
        sent++;
        if (count < deviations.length) deviations[count++] = Math.abs(performance.now() - due);
      }
    }
    period++;
    setTimeout(tick, Math.max(0, start + period * 20 - performance.now()));
  };
  tick();
  await sleep(1000);
  const receivedBefore = bound.received;
  const cpuBefore = process.cpuUsage();
  const reflectorBefore = await reflector.cpuMs();
  measuring = true;
  await sleep(seconds * 1000);
  measuring = false;
  const cpu = process.cpuUsage(cpuBefore);
  const reflectorAfter = await reflector.cpuMs();
  running = false;
  await sleep(300);
  const got = bound.received - receivedBefore;
  for (const socket of sockets) socket.close();
  return {
    label: 'bare Node UDP',
    calls,
    seconds,
    sent,
    received: got,
    deviations: deviations.slice(0, count),
    cpuMs: (cpu.user + cpu.system) / 1000,
    reflectorCpuMs: reflectorAfter - reflectorBefore,
  };
}

function row(r: Result): string {
  const sorted = r.deviations.sort();
  const lost = Math.max(0, r.sent - r.received);
  const cpuPerCall = (r.cpuMs / (r.seconds * 1000) / r.calls) * 100;
  const due = r.calls * r.seconds * 50;
  return `| ${r.calls} | ${r.label} | ${Math.round(r.sent / r.seconds)} of ${Math.round(due / r.seconds)} | ${percentile(sorted, 50).toFixed(2)} | ${percentile(sorted, 99).toFixed(2)} | ${sorted.at(-1)!.toFixed(2)} | ${lost} (${((lost / r.sent) * 100).toFixed(3)}%) | ${cpuPerCall.toFixed(3)}% | ${((r.cpuMs / (r.seconds * 1000)) * 100).toFixed(1)}% | ${((r.reflectorCpuMs / (r.seconds * 1000)) * 100).toFixed(1)}% |`;
}

/** The share of one core a busy loop gets right now: 1.0 on an idle machine, less when other work competes. */
function availableCpuShare(): number {
  const wallStart = performance.now();
  const cpuStart = process.cpuUsage();
  while (performance.now() - wallStart < 500);
  const cpu = process.cpuUsage(cpuStart);
  return (cpu.user + cpu.system) / 1000 / (performance.now() - wallStart);
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const secondsAt = args.indexOf('--seconds');
  const seconds = secondsAt >= 0 ? Number(args.splice(secondsAt, 2)[1]) : 10;
  const echoAt = args.indexOf('--echo');
  const echo = echoAt >= 0 ? args.splice(echoAt, 2)[1] : 'node';
  const counts = args.length ? args.map(Number) : [100, 500, 1000];
  const reflector = echo === 'sipp' ? await startSippEcho(REFLECTOR_PORT) : await startNodeReflector(REFLECTOR_PORT);
  console.log(`echo peer: ${reflector.name}`);
  console.log(`load average at start: ${loadavg().map((l) => l.toFixed(2)).join(' ')}, ${cpus().length} cores; a busy loop gets ${availableCpuShare().toFixed(2)} of a core\n`);
  console.log(`| calls | sender | packets/s sent of due | send deviation p50 (ms) | p99 (ms) | max (ms) | lost | CPU per call (of one core) | sender process CPU | echo process CPU |`);
  console.log(`|---|---|---|---|---|---|---|---|---|---|`);
  for (const calls of counts) {
    console.log(row(await runBareUdp(calls, seconds, reflector)));
    console.log(row(await runEndpoints(calls, seconds, reflector)));
  }
  console.log(`\nload average at end: ${loadavg().map((l) => l.toFixed(2)).join(' ')}; a busy loop gets ${availableCpuShare().toFixed(2)} of a core`);
  reflector.stop();
}

await main();

/** The far ends of the media benches: a process that sends every datagram on a port straight back to its source. */
import { fork, spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';

/** The far end that echoes every packet back, and how much CPU it has used so far. */
export interface EchoPeer {
  name: string;
  cpuMs(): Promise<number>;
  stop(): void;
}

export async function startNodeReflector(port: number): Promise<EchoPeer> {
  const child = fork(fileURLToPath(new URL('./media-udp-reflector.ts', import.meta.url)), [String(port)], {
    execArgv: ['--import', 'tsx'],
  });
  await new Promise<void>((resolve) => child.once('message', () => resolve()));
  return {
    name: 'Node reflector',
    cpuMs: () =>
      new Promise((resolve) => {
        child.once('message', (m: { cpu: NodeJS.CpuUsage }) => resolve((m.cpu.user + m.cpu.system) / 1000));
        child.send({ cpu: true });
      }),
    stop: () => child.send({ exit: true }),
  };
}

/** sipp as a UAS that takes no call: its RTP echo thread answers every datagram on the media port to its source. */
export async function startSippEcho(port: number): Promise<EchoPeer> {
  const child: ChildProcess = spawn(
    'sipp',
    ['-sn', 'uas', '-rtp_echo', '-i', '127.0.0.1', '-p', String(port + 10), '-mi', '127.0.0.1', '-mp', String(port), '-nostdin'],
    { stdio: 'ignore' },
  );
  await sleep(500);
  if (child.exitCode !== null) throw new Error(`sipp exited ${child.exitCode}`);
  const ticks = 100; // USER_HZ
  return {
    name: 'sipp -rtp_echo',
    cpuMs: async () => {
      const fields = readFileSync(`/proc/${child.pid}/stat`, 'latin1').split(') ')[1]!.split(' ');
      return ((Number(fields[11]) + Number(fields[12])) * 1000) / ticks;
    },
    stop: () => child.kill('SIGKILL'),
  };
}

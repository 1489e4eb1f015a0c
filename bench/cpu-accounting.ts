/**
 * CPU accounting from /proc for the load benches: how busy the machine was over a window, how much of it the
 * hypervisor took (steal), and how much CPU one process and its descendants used. Linux only.
 */
import { readFileSync, readdirSync } from 'node:fs';

/** `sysconf(_SC_CLK_TCK)`: the unit of /proc's CPU times, 100 on every Linux this runs on. */
const ticksPerSecond = 100;

export interface MachineTimes {
  total: number;
  idle: number;
  steal: number;
}

export interface MachineShare {
  /** Share of all cores' time not idle (steal included). */
  busy: number;
  /** Share of all cores' time the hypervisor gave to others. */
  steal: number;
}

/** The first line of /proc/stat: user nice system idle iowait irq softirq steal ... in ticks. */
export function machineTimes(): MachineTimes {
  const fields = readFileSync('/proc/stat', 'latin1').split('\n', 1)[0]!.trim().split(/\s+/).slice(1).map(Number);
  const [user, nice, system, idle, iowait, irq, softirq, steal] = fields as [number, number, number, number, number, number, number, number];
  return { total: user + nice + system + idle + iowait + irq + softirq + steal, idle: idle + iowait, steal };
}

export function machineShare(from: MachineTimes, to: MachineTimes): MachineShare {
  const total = to.total - from.total || 1;
  return { busy: 1 - (to.idle - from.idle) / total, steal: (to.steal - from.steal) / total };
}

/** CPU milliseconds (user + system) used so far by `pid` and every live descendant. */
export function processTreeCpuMs(pid: number): number {
  let ticks = 0;
  const pending = [pid];
  const children = childrenByParent();
  while (pending.length > 0) {
    const current = pending.pop()!;
    const stat = readStat(current);
    if (stat) ticks += stat.utime + stat.stime;
    pending.push(...(children.get(current) ?? []));
  }
  return (ticks * 1000) / ticksPerSecond;
}

interface ProcStat {
  ppid: number;
  utime: number;
  stime: number;
}

function readStat(pid: number): ProcStat | undefined {
  let text: string;
  try {
    text = readFileSync(`/proc/${pid}/stat`, 'latin1');
  } catch {
    return undefined; // the process has gone
  }
  // The command name may hold spaces and parentheses; the fields after its closing parenthesis do not.
  const fields = text.slice(text.lastIndexOf(')') + 2).split(' ');
  return { ppid: Number(fields[1]), utime: Number(fields[11]), stime: Number(fields[12]) };
}

function childrenByParent(): Map<number, number[]> {
  const children = new Map<number, number[]>();
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    const stat = readStat(Number(name));
    if (!stat) continue;
    const siblings = children.get(stat.ppid);
    if (siblings) siblings.push(Number(name));
    else children.set(stat.ppid, [Number(name)]);
  }
  return children;
}

import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from './helpers.js';

/** A finished sipp run: its exit code and the cumulative counters of its statistics file. */
export interface SippResult {
  readonly exitCode: number | null;
  readonly successfulCalls: number;
  readonly failedCalls: number;
  readonly retransmissions: number;
  readonly createdCalls: number;
  readonly output: string;
  readonly stats: Record<string, string>;
}

export interface SippOptions {
  /** A built-in scenario name (`uac`, `uas`) or an XML file path. */
  readonly scenario: string;
  readonly remote?: string;
  readonly transport?: 'u1' | 'un' | 't1' | 'tn';
  readonly localPort?: number;
  readonly calls: number;
  readonly rate?: number;
  readonly ratePeriodMs?: number;
  readonly timeoutSeconds?: number;
  readonly extra?: readonly string[];
}

const live = new Set<ChildProcess>();

/** Runs sipp to completion (bounded by -timeout) and reads its counters. */
export async function runSipp(options: SippOptions): Promise<SippResult> {
  return startSipp({ ...options, localPort: options.localPort ?? (await freePort()) }).done;
}

/** Starts sipp (e.g. as a UAS that must be listening before the UAC dials); `done` settles when it exits. */
export function startSipp(options: SippOptions & { localPort: number }): { process: ChildProcess; done: Promise<SippResult> } {
  const dir = mkdtempSync(join(tmpdir(), 'callscript-sipp-'));
  const statFile = join(dir, 'stat.csv');
  const scenarioArgs = options.scenario.endsWith('.xml') ? ['-sf', options.scenario] : ['-sn', options.scenario];
  const args = [
    ...(options.remote ? [options.remote] : []),
    ...scenarioArgs,
    '-i', '127.0.0.1',
    // sipp takes -p 0 as its default 5060, which concurrent runs would fight over: always a free port.
    '-p', String(options.localPort),
    '-t', options.transport ?? 'u1',
    '-m', String(options.calls),
    '-r', String(options.rate ?? 10),
    ...(options.ratePeriodMs ? ['-rp', String(options.ratePeriodMs)] : []),
    '-timeout', `${options.timeoutSeconds ?? 30}s`,
    '-timeout_error',
    '-nostdin',
    '-trace_stat', '-stf', statFile, '-fd', '1',
    ...(options.extra ?? []),
  ];
  const child = spawn('sipp', args, { stdio: ['ignore', 'pipe', 'pipe'] });
  live.add(child);
  const done = new Promise<SippResult>((resolve, reject) => {
    let output = '';
    const keep = (chunk: Buffer): void => {
      output = (output + chunk.toString('latin1')).slice(-8000);
    };
    child.stdout.on('data', keep);
    child.stderr.on('data', keep);
    child.on('error', (error) => {
      live.delete(child);
      reject(error);
    });
    child.on('close', (exitCode) => {
      live.delete(child);
      const stats = readStats(statFile);
      rmSync(dir, { recursive: true, force: true });
      resolve({
        exitCode,
        successfulCalls: Number(stats['SuccessfulCall(C)'] ?? 0),
        failedCalls: Number(stats['FailedCall(C)'] ?? 0),
        retransmissions: Number(stats['Retransmissions(C)'] ?? 0),
        createdCalls: Number(stats['TotalCallCreated'] ?? 0),
        output,
        stats,
      });
    });
  });
  return { process: child, done };
}

export function stopSipp(process: ChildProcess): void {
  if (process.exitCode === null && process.signalCode === null) process.kill('SIGUSR1');
}

/** Kills every sipp this module started and has not seen exit; for test teardown. */
export function killAllSipp(): void {
  for (const child of live) child.kill('SIGKILL');
  live.clear();
}

function readStats(path: string): Record<string, string> {
  let text: string;
  try {
    text = readFileSync(path, 'latin1');
  } catch {
    return {};
  }
  const lines = text.split('\n').filter((line) => line.trim().length > 0);
  if (lines.length < 2) return {};
  const names = lines[0]!.split(';');
  const values = lines.at(-1)!.split(';');
  const stats: Record<string, string> = {};
  names.forEach((name, index) => {
    if (name) stats[name] = values[index] ?? '';
  });
  return stats;
}

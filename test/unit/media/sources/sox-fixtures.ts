import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A scratch directory for generated audio, removed by `dispose`. */
export function scratchDirectory(): { path: string; dispose(): void } {
  const path = mkdtempSync(join(tmpdir(), 'callscript-media-test-'));
  return { path, dispose: () => rmSync(path, { recursive: true, force: true }) };
}

/** Generates a file with sox (`sox -n <format args> <file> synth <seconds> sine <hz>`) and returns its bytes. */
export function soxSine(file: string, formatArgs: string[], seconds: number, frequencyHz: number): Uint8Array {
  execFileSync('sox', ['-n', ...formatArgs, file, 'synth', `${seconds}`, 'sine', `${frequencyHz}`, 'vol', '0.5']);
  return new Uint8Array(readFileSync(file));
}

/** Duration in seconds as soxi reports it. */
export function soxiDuration(file: string): number {
  return Number(execFileSync('soxi', ['-D', file]).toString().trim());
}

/** Decodes any file sox reads to 8 kHz mono 16-bit samples. */
export function soxDecode(file: string): Int16Array {
  const raw = execFileSync('sox', [file, '-t', 'raw', '-e', 'signed-integer', '-b', '16', '-c', '1', '-r', '8000', '-L', '-'], {
    maxBuffer: 64 * 1024 * 1024,
  });
  return new Int16Array(raw.buffer, raw.byteOffset, raw.byteLength / 2);
}

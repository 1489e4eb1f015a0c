/**
 * Bundles the prelude (everything under this folder, entry `prelude-entry.ts`) into one IIFE script with esbuild.
 * Built on first use and kept in memory: every isolate of the process runs the same text.
 *
 * Not minified: the sandbox compiles it from V8's code cache, so a smaller text would save little, and readable
 * names keep the prelude's frames legible in a scenario's stack trace. (A V8 startup snapshot of the prelude was
 * tried and dropped: on Node 20 / isolated-vm 5 it restores one-character strings wrongly, see docs/sandbox.md.)
 */
import { buildSync } from 'esbuild';
import { fileURLToPath } from 'node:url';

let cached: string | undefined;

export function preludeSource(): string {
  if (cached !== undefined) return cached;
  const result = buildSync({
    entryPoints: [fileURLToPath(new URL('./prelude-entry.ts', import.meta.url))],
    bundle: true,
    format: 'iife',
    platform: 'neutral',
    target: 'es2022',
    write: false,
    legalComments: 'none',
    logLevel: 'silent',
  });
  const output = result.outputFiles[0];
  if (!output) throw new Error('callscript prelude: esbuild produced no output');
  cached = output.text;
  return cached;
}

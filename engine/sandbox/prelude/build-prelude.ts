/**
 * Bundles the prelude (everything under this folder, entry `prelude-entry.ts`) into one IIFE script with esbuild.
 * Built on first use and kept in memory: every isolate of the process runs the same text.
 *
 * Not minified: the sandbox runs the prelude inside a V8 startup snapshot, and on
 * this Node 20 / isolated-vm 5 pair a one-character string made before the snapshot does not survive the restore (a
 * key `'F'` is no longer found, `'Q'` reads back as `'8'`). Minified names are one character, so a minified prelude
 * fails with `ReferenceError: o is not defined`; for the same reason no one-letter string made at load may be compared
 * with one made later. The unit tests run the prelude from that same snapshot.
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

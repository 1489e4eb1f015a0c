/**
 * Bundles the prelude (everything under this folder, entry `prelude-entry.ts`) into one IIFE script with esbuild.
 * Built on first use and kept in memory: every isolate of the process runs the same text.
 *
 * Not minified, and nothing in it is built lazily: the sandbox runs the prelude inside a V8 startup snapshot, and on
 * this Node/isolated-vm pair a minified bundle, or a closure first called after the snapshot was restored, read
 * wrong variables (`ReferenceError: o is not defined`). The unit tests run the prelude from that same snapshot.
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

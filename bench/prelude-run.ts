/**
 * The prelude's run in a fresh V8 context, the part of every session's start that is ours (the context itself is
 * V8's). Against a baseline in the same run: the same prelude with its constant namespaces written as plain frozen
 * literals, which is how they were built before `frozenNamespace`. Contexts of both take turns, so that this machine's
 * noise falls on both alike.
 *   node --no-node-snapshot --no-lazy --import tsx bench/prelude-run.ts [--contexts 3000]
 */
import ivm from 'isolated-vm';
import { parseArgs } from 'node:util';
import { preludeSource } from '../engine/sandbox/prelude/build-prelude.js';

const { values } = parseArgs({ options: { contexts: { type: 'string', default: '3000' } } });
const contexts = Number(values.contexts);
const warmup = 200;

const current = preludeSource();
const plainLiterals = current.replace(/frozenNamespace\(\{\s*__proto__: null,/g, 'Object.freeze({');
if (plainLiterals === current) throw new Error('bench/prelude-run: found no frozenNamespace call to undo');
const variants = [
  { name: 'namespaces as plain literals (baseline)', code: plainLiterals },
  { name: 'namespaces as frozenNamespace (current)', code: current },
];

const isolates = Array.from({ length: 10 }, () => new ivm.Isolate({ memoryLimit: 128 }));
const scripts = variants.map(({ code }) => isolates.map((isolate) => isolate.compileScriptSync(code, { filename: 'prelude.js' })));
const runUs = variants.map((): number[] => []);
const withContextUs = variants.map((): number[] => []);
for (let i = 0; i < contexts + warmup; i++) {
  for (let v = 0; v < variants.length; v++) {
    const started = process.hrtime.bigint();
    const context = isolates[i % isolates.length]!.createContextSync();
    context.evalSync('globalThis.__callscript_send = () => {};');
    const created = process.hrtime.bigint();
    scripts[v]![i % isolates.length]!.runSync(context);
    const ran = process.hrtime.bigint();
    context.release();
    if (i < warmup) continue;
    runUs[v]!.push(Number(ran - created) / 1000);
    withContextUs[v]!.push(Number(ran - started) / 1000);
  }
}

function summary(samples: number[]): { p50: number; mean: number } {
  const sorted = [...samples].sort((a, b) => a - b);
  return { p50: sorted[sorted.length >> 1]!, mean: sorted.reduce((sum, x) => sum + x, 0) / sorted.length };
}
process.stdout.write(`${new Date().toISOString()}, Node ${process.version}, ${contexts} contexts per variant\n\n`);
process.stdout.write('| prelude | run p50 (us) | run mean (us) | context + run p50 (us) | context + run mean (us) |\n|---|---|---|---|---|\n');
const rows = variants.map((variant, v) => ({ variant, run: summary(runUs[v]!), all: summary(withContextUs[v]!) }));
for (const { variant, run, all } of rows) {
  process.stdout.write(`| ${variant.name} | ${run.p50.toFixed(0)} | ${run.mean.toFixed(0)} | ${all.p50.toFixed(0)} | ${all.mean.toFixed(0)} |\n`);
}
const [baseline, now] = rows;
process.stdout.write(`\nrun p50 ratio current/baseline: ${(now!.run.p50 / baseline!.run.p50).toFixed(2)}; context + run: ${(now!.all.p50 / baseline!.all.p50).toFixed(2)}\n`);
for (const isolate of isolates) isolate.dispose();

import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve, dirname, sep } from 'node:path';
import { describe, expect, it } from 'vitest';

// DESIGN.md, "Direction of dependencies": each engine folder and the folders it may import.
const allowed: Record<string, readonly string[]> = {
  sip: [],
  media: [],
  call: ['sip', 'media'],
  session: ['call'],
  sandbox: ['session', 'call'],
  store: ['call', 'session'],
  routing: ['store', 'session', 'call'],
  api: ['routing', 'store', 'sandbox', 'session', 'call'],
  server: ['api', 'routing', 'store', 'sandbox', 'session', 'call', 'sip', 'media'],
  cli: ['server', 'api', 'routing', 'store', 'sandbox', 'session', 'call', 'sip', 'media'],
  testing: ['sandbox', 'session', 'call'],
};

const engineRoot = resolve(__dirname, '../../../engine');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return path.endsWith('.ts') ? [path] : [];
  });
}

function importsOf(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  const specifiers = [...text.matchAll(/(?:^|\n)\s*(?:import|export)\b[^'"`;]*?from\s*['"]([^'"]+)['"]/g)];
  const dynamic = [...text.matchAll(/\bimport\(\s*['"]([^'"]+)['"]\s*\)/g)];
  return [...specifiers, ...dynamic].map((m) => m[1]!);
}

function layerOf(file: string): string | undefined {
  const parts = relative(engineRoot, file).split(sep);
  return parts.length > 1 ? parts[0] : undefined;
}

describe('engine layering', () => {
  const files = sourceFiles(engineRoot);

  it('never imports upward or sideways across layers', () => {
    const violations: string[] = [];
    for (const file of files) {
      const from = layerOf(file);
      if (!from) continue;
      for (const specifier of importsOf(file)) {
        if (!specifier.startsWith('.')) continue;
        const target = resolve(dirname(file), specifier);
        const to = layerOf(target);
        if (!to || to === from) continue;
        if (!allowed[from]?.includes(to)) violations.push(`${relative(engineRoot, file)} imports ${to}/ (${specifier})`);
      }
    }
    expect(violations).toEqual([]);
  });

  it('keeps isolated-vm inside engine/sandbox', () => {
    const outside = files
      .filter((file) => layerOf(file) !== 'sandbox')
      .filter((file) => importsOf(file).includes('isolated-vm'))
      .map((file) => relative(engineRoot, file));
    expect(outside).toEqual([]);
  });
});

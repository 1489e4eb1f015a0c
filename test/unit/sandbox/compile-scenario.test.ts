import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ScenarioCompiler } from '../../../engine/sandbox/compile-scenario.js';
import { ScenarioCompileError } from '../../../engine/sandbox/sandbox-errors.js';

const scenarios = resolve(__dirname, '../../fixtures/sandbox/scenarios');

async function compileError(promise: Promise<unknown>): Promise<ScenarioCompileError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ScenarioCompileError);
  return error as ScenarioCompileError;
}

describe('ScenarioCompiler.compileFile', () => {
  const compiler = new ScenarioCompiler();

  it('bundles relative imports into one classic script with an inline source map', async () => {
    const compiled = await compiler.compileFile(join(scenarios, 'with-import/main.ts'));
    expect(compiled.fileName).toBe('main.ts');
    expect(compiled.code).toContain('hello ${name}');
    expect(compiled.code).not.toMatch(/^\s*(import|export)\s/m);
    const map = compiled.code.match(/sourceMappingURL=data:application\/json;base64,(\S+)/)![1]!;
    const sources = (JSON.parse(Buffer.from(map, 'base64').toString()) as { sources: string[] }).sources;
    expect(sources.sort()).toEqual(['lib/greeting.ts', 'main.ts']);
    expect(compiled.hash).toMatch(/^[0-9a-f]{64}$/);
  });

  it('refuses a Node built-in import, naming it and its file:line', async () => {
    const error = await compileError(compiler.compileFile(join(scenarios, 'refused/builtin.ts')));
    expect(error.diagnostics).toEqual([
      { file: 'builtin.ts', line: 2, column: 30, message: expect.stringContaining('Node built-in "node:fs"') },
    ]);
    expect(error.message).toContain('builtin.ts:2:30');
  });

  it('refuses a package required from JavaScript', async () => {
    const error = await compileError(compiler.compileFile(join(scenarios, 'refused/package.js')));
    expect(error.diagnostics[0]).toMatchObject({ file: 'package.js', line: 1, message: expect.stringContaining('"pino"') });
  });

  it('reports a syntax error with the file, line and column', async () => {
    const error = await compileError(compiler.compileFile(join(scenarios, 'syntax-error.ts')));
    expect(error.code).toBe('SCENARIO_COMPILE');
    expect(error.diagnostics[0]).toMatchObject({ file: 'syntax-error.ts', line: 2, column: 13 });
  });

  it('reports a missing entry file without a position', async () => {
    const error = await compileError(compiler.compileFile(join(scenarios, 'no-such-file.ts')));
    expect(error.diagnostics[0]).toMatchObject({ line: 0, column: 0 });
  });
});

describe('ScenarioCompiler cache', () => {
  let dir: string | undefined;
  afterEach(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
    dir = undefined;
  });

  it('returns the cached result while the files are unchanged, and recompiles when an imported file changes', async () => {
    dir = mkdtempSync(join(tmpdir(), 'callscript-compile-'));
    writeFileSync(join(dir, 'main.ts'), "import { n } from './n';\nLogger.write(String(n));\n");
    writeFileSync(join(dir, 'n.ts'), 'export const n = 1;\n');
    const compiler = new ScenarioCompiler();
    const first = await compiler.compileFile(join(dir, 'main.ts'));
    expect(await compiler.compileFile(join(dir, 'main.ts'))).toBe(first);
    writeFileSync(join(dir, 'n.ts'), 'export const n = 2;\n');
    const second = await compiler.compileFile(join(dir, 'main.ts'));
    expect(second).not.toBe(first);
    expect(second.hash).not.toBe(first.hash);
    expect(compiler.cachedCount).toBe(1);
  });

  it('keys uploaded sources by content and bounds the cache', async () => {
    const compiler = new ScenarioCompiler(2);
    const a = await compiler.compileSource({ fileName: 'a.ts', source: 'Logger.write("a");' });
    expect(await compiler.compileSource({ fileName: 'a.ts', source: 'Logger.write("a");' })).toBe(a);
    await compiler.compileSource({ fileName: 'b.ts', source: 'Logger.write("b");' });
    await compiler.compileSource({ fileName: 'c.ts', source: 'Logger.write("c");' });
    expect(compiler.cachedCount).toBe(2);
    const again = await compiler.compileSource({ fileName: 'a.ts', source: 'Logger.write("a");' });
    expect(again).not.toBe(a);
    expect(again.hash).toBe(a.hash);
  });
});

describe('ScenarioCompiler.compileSource', () => {
  const compiler = new ScenarioCompiler();

  it('bundles uploaded files imported by relative path', async () => {
    const compiled = await compiler.compileSource({
      fileName: 'ivr.ts',
      source: "import { menu } from './menu';\nLogger.write(menu.join(','));\n",
      files: { 'menu.ts': "export const menu: string[] = ['sales', 'support'];\n" },
    });
    expect(compiled.fileName).toBe('ivr.ts');
    expect(compiled.code).toContain('"support"');
  });

  it('refuses imports of packages and built-ins in uploads, with the uploaded file name', async () => {
    const error = await compileError(
      compiler.compileSource({ fileName: 'up.ts', source: "const x = 1;\nimport os from 'os';\nLogger.write(os);\n" }),
    );
    expect(error.diagnostics[0]).toMatchObject({ file: 'up.ts', line: 2, message: expect.stringContaining('"os"') });
  });

  it('reports an import of a file that was not uploaded', async () => {
    const error = await compileError(compiler.compileSource({ fileName: 'up.ts', source: "import './missing';\n" }));
    expect(error.diagnostics[0]).toMatchObject({ file: 'up.ts', line: 1, message: expect.stringContaining('./missing') });
  });

  it('refuses an uploaded file name outside the scenario', async () => {
    await expect(compiler.compileSource({ fileName: '../x.ts', source: '' })).rejects.toThrow(RangeError);
  });

  it('reports syntax errors of uploads at the author\'s line', async () => {
    const error = await compileError(compiler.compileSource({ fileName: 'up.ts', source: '\n\nlet x = ;\n' }));
    expect(error.diagnostics[0]).toMatchObject({ file: 'up.ts', line: 3 });
  });
});

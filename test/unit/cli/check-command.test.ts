import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const run = promisify(execFile);
const cli = join(__dirname, '../../../bin/callscript.js');

async function check(...files: string[]) {
  try {
    const { stdout, stderr } = await run(process.execPath, [cli, 'check', ...files]);
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}

describe('callscript check', () => {
  it('accepts a scenario that type-checks against the VoxEngine types', async () => {
    const result = await check('examples/ivr/ivr.scenario.ts');
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('examples/ivr/ivr.scenario.ts: ok');
  });

  it("prints a type error at the author's file, line and column and exits 1", async () => {
    const dir = mkdtempSync(join(tmpdir(), 'callscript-check-'));
    const file = join(dir, 'bad.scenario.ts');
    writeFileSync(file, 'VoxEngine.addEventListener(AppEvents.CallAlerting, (e) => {\n  e.call.answer(42);\n});\n');
    const result = await check(file);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(`${relative(process.cwd(), file)}:2:17: type-check error:`);
  });

  it('reports a refused Node import as a compile error with its line', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'callscript-check-'));
    const file = join(dir, 'fs.scenario.ts');
    writeFileSync(file, "// reads a file\nimport { readFileSync } from 'node:fs';\nLogger.write(String(readFileSync));\n");
    const result = await check(file);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/fs\.scenario\.ts:2:\d+: compile error: .*node:fs/);
  });
});

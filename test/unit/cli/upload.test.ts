import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Command } from 'commander';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { registerUploadCommand, uploadScenarioFile, UploadError } from '../../../engine/cli/upload.js';
import { startTestApi, token, type TestApi } from '../api/api-test-server.js';

describe('callscript upload', () => {
  let api: TestApi;
  let dir: string;
  const file = (name: string, text: string) => {
    const path = join(dir, name);
    writeFileSync(path, text);
    return path;
  };

  beforeAll(async () => {
    api = await startTestApi();
    dir = mkdtempSync(join(tmpdir(), 'callscript-upload-'));
  });
  afterAll(async () => {
    await api.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('uploads a file as the next version of the scenario named after it', async () => {
    const path = file('greeting.ts', 'Logger.write("hello");\n');
    expect(await uploadScenarioFile({ file: path, server: api.url, token })).toMatchObject({ name: 'greeting', version: 1 });
    expect(await uploadScenarioFile({ file: path, server: `${api.url}/`, token })).toMatchObject({ version: 2 });
    expect(api.store.scenarios.version('greeting', 2)).toMatchObject({ fileName: 'greeting.ts' });
  });

  it('uploads under an explicit name', async () => {
    const path = file('main.js', 'Logger.write(1);\n');
    expect(await uploadScenarioFile({ file: path, server: api.url, token, name: 'named' })).toMatchObject({ name: 'named' });
  });

  it('reports compile errors with the file, line and column', async () => {
    const path = file('broken.ts', 'let x = 1;\nx = = 2;\n');
    const error = await uploadScenarioFile({ file: path, server: api.url, token }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UploadError);
    expect(error).toMatchObject({ status: 422, diagnostics: [{ file: 'broken.ts', line: 2 }] });
  });

  it('reports a wrong token, a missing file, a wrong extension and an unreachable server', async () => {
    const path = file('ok.ts', 'Logger.write(1);\n');
    await expect(uploadScenarioFile({ file: path, server: api.url, token: 'wrong' })).rejects.toMatchObject({ status: 401 });
    await expect(uploadScenarioFile({ file: join(dir, 'none.ts'), server: api.url, token })).rejects.toThrow('no such file');
    await expect(uploadScenarioFile({ file: file('x.py', ''), server: api.url, token })).rejects.toThrow('.ts or .js');
    await expect(uploadScenarioFile({ file: path, server: 'http://127.0.0.1:1', token })).rejects.toThrow('cannot reach');
  });

  it('prints the version on success and compiler-style errors on failure, setting the exit code', async () => {
    const out = vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
    const err = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    try {
      const run = (args: string[]) => registerUploadCommand(new Command().exitOverride()).parent!.parseAsync(['node', 'callscript', 'upload', ...args]);
      await run([file('cli.ts', 'Logger.write(1);\n'), '--server', api.url, '--token', token]);
      expect(out).toHaveBeenCalledWith(expect.stringMatching(/^uploaded cli version 1 \(\d+ bytes\)\n$/));
      expect(process.exitCode ?? 0).toBe(0);
      await run([file('cli.ts', 'const = ;\n'), '--server', api.url, '--token', token]);
      expect(err).toHaveBeenCalledWith(expect.stringMatching(/^cli\.ts:1:\d+: error: /));
      expect(process.exitCode).toBe(1);
    } finally {
      process.exitCode = 0;
      out.mockRestore();
      err.mockRestore();
    }
  });
});

import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { SandboxSetupError } from '../../../engine/sandbox/sandbox-errors.js';
import { SandboxSupervisor } from '../../../engine/sandbox/sandbox-supervisor.js';

/** Live sandbox worker processes forked by this process, from /proc. */
function ownWorkers(): number[] {
  return readdirSync('/proc')
    .filter((name) => /^\d+$/.test(name))
    .filter((pid) => {
      try {
        const status = readFileSync(`/proc/${pid}/status`, 'utf8');
        const cmdline = readFileSync(`/proc/${pid}/cmdline`, 'utf8');
        return status.includes(`PPid:\t${process.pid}\n`) && cmdline.includes('sandbox-worker-main');
      } catch {
        return false;
      }
    })
    .map(Number);
}

describe('SandboxSupervisor setup', () => {
  it('refuses to start when the workers cannot load the prelude, and leaves no worker behind', async () => {
    const error = await SandboxSupervisor.start({ preludeSource: 'throw new Error("prelude broken")', workers: 1 }).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(SandboxSetupError);
    expect((error as Error).message).toContain('prelude broken');
    expect(ownWorkers()).toEqual([]);
  }, 60_000);

  it('refuses invalid limits before forking anything', async () => {
    await expect(SandboxSupervisor.start({ preludeSource: '', limits: { memoryMb: -1 } })).rejects.toThrow(RangeError);
  });
});

import ivm from 'isolated-vm';
import { bootstrapFileName, bootstrapSource } from './bridge-bootstrap.js';
import { SandboxSetupError } from './sandbox-errors.js';
import { SandboxIsolate, type IsolateSetup } from './sandbox-isolate.js';

export const preludeFileName = 'callscript-prelude.js';

/** `compileScriptSync`'s result carries the code cache when asked for; the bundled typings omit it. */
type CachingScript = ivm.Script & { cachedData?: ivm.ExternalCopy<ArrayBuffer> };

/**
 * Makes session isolates with the bootstrap and the prelude already run. A probe isolate compiles both once with
 * `produceCachedData` (and proves the prelude loads and defines `__callscript_deliver`); every later isolate compiles
 * them from that V8 code cache, which V8 itself produced in this process.
 *
 * Why not a V8 startup snapshot with the prelude already run, which would save running it in every isolate: on this
 * Node 20 / isolated-vm 5 pair, a snapshot restores single-character strings wrongly (a `'#'` stored at prelude load
 * reads back as `'8'`; a closure variable `o` becomes undefined), so a prelude restored from one would misbehave in
 * ways no test could rule out.
 * `test/unit/sandbox/isolate-factory.test.ts` keeps a probe of that defect.
 */
export class IsolateFactory {
  #setup: IsolateSetup | undefined;
  #created = 0;

  constructor(
    preludeSource: string,
    readonly onCatastrophicError?: (message: string) => void,
  ) {
    const setup: IsolateSetup = {
      bootstrap: { code: bootstrapSource, filename: bootstrapFileName },
      prelude: { code: preludeSource, filename: preludeFileName },
    };
    const probe = new ivm.Isolate({ memoryLimit: 64 });
    try {
      const context = probe.createContextSync();
      for (const script of [setup.bootstrap, setup.prelude]) {
        const compiled: CachingScript = probe.compileScriptSync(script.code, { filename: script.filename, produceCachedData: true });
        script.cachedData = compiled.cachedData;
        compiled.runSync(context, { timeout: 5_000 });
      }
      if (probe.compileScriptSync('typeof __callscript_deliver').runSync(context) !== 'function') {
        throw new SandboxSetupError('the prelude does not define a global __callscript_deliver function');
      }
    } catch (error) {
      if (error instanceof SandboxSetupError) throw error;
      throw new SandboxSetupError(`the prelude does not load: ${error instanceof Error ? error.message : String(error)}`);
    } finally {
      probe.dispose();
    }
    this.#setup = setup;
  }

  create(memoryMb: number): SandboxIsolate {
    if (!this.#setup) throw new SandboxSetupError('the isolate factory is closed');
    const isolate = new SandboxIsolate(this.#setup, memoryMb, this.onCatastrophicError);
    this.#created++;
    return isolate;
  }

  /** Isolates made so far (the probe excluded). */
  get created(): number {
    return this.#created;
  }

  /** Releases the code caches. Idempotent. */
  close(): void {
    this.#setup?.bootstrap.cachedData?.release();
    this.#setup?.prelude.cachedData?.release();
    this.#setup = undefined;
  }
}

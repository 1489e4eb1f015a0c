import ivm from 'isolated-vm';
import { bootstrapFileName, bootstrapSource } from './bridge-bootstrap.js';
import { SandboxIsolate } from './sandbox-isolate.js';
import { SandboxSetupError } from './sandbox-errors.js';

export const preludeFileName = 'callscript-prelude.js';

/**
 * Makes session isolates from one V8 startup snapshot holding the bootstrap and the prelude, already run. Creating
 * an isolate from the snapshot costs about a third of creating a bare one and running the prelude in it (measured on
 * this machine: ~1.9 ms against ~5 ms), which is most of the price of a session start. The snapshot is built here
 * from the engine's own prelude; no snapshot is ever accepted from outside.
 *
 * Because the prelude runs at snapshot time, whatever it computes at load (a random seed, the time) is the same in
 * every session; V8 reseeds `Math.random` per isolate.
 */
export class IsolateFactory {
  #snapshot: ivm.ExternalCopy<ArrayBuffer> | undefined;

  constructor(
    preludeSource: string,
    readonly onCatastrophicError?: (message: string) => void,
  ) {
    try {
      this.#snapshot = ivm.Isolate.createSnapshot([
        { code: bootstrapSource, filename: bootstrapFileName },
        { code: preludeSource, filename: preludeFileName },
      ]);
    } catch (error) {
      throw new SandboxSetupError(`the prelude cannot be loaded into a sandbox snapshot: ${describe(error)}`);
    }
    const probe = this.create(8);
    try {
      const type = probe.isolate.compileScriptSync('typeof __callscript_deliver').runSync(probe.context);
      if (type !== 'function') throw new SandboxSetupError('the prelude does not define a global __callscript_deliver function');
    } finally {
      probe.dispose();
    }
  }

  create(memoryMb: number): SandboxIsolate {
    if (!this.#snapshot) throw new SandboxSetupError('the isolate factory is closed');
    return new SandboxIsolate(this.#snapshot, memoryMb, this.onCatastrophicError);
  }

  close(): void {
    this.#snapshot?.release();
    this.#snapshot = undefined;
  }
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

import { open, type FileHandle } from 'node:fs/promises';
import { RecorderError } from './recorder-types.js';

/**
 * A file written by a queue of operations that run one after another, off the caller's path: appends at the end and
 * rewrites at fixed offsets (a WAV header). The first failure is kept; later operations are skipped and every
 * `settled()` reports it.
 */
export class SerialFile {
  private handle: FileHandle | undefined;
  private queue: Promise<void>;
  private failure: RecorderError | undefined;
  private size = 0;
  private closed = false;

  constructor(private readonly path: string) {
    this.queue = this.run(async () => {
      this.handle = await open(path, 'w');
    });
  }

  append(bytes: Uint8Array): void {
    if (bytes.length === 0) return;
    const at = this.size;
    this.size += bytes.length;
    this.enqueue(async (handle) => {
      await handle.write(bytes, 0, bytes.length, at);
    });
  }

  writeAt(bytes: Uint8Array, position: number): void {
    this.enqueue(async (handle) => {
      await handle.write(bytes, 0, bytes.length, position);
    });
  }

  /** Asks the OS to put what was written on disk, so it survives a crash of the machine, not only of the process. */
  sync(): void {
    this.enqueue((handle) => handle.datasync());
  }

  /** Resolves when every queued operation has run; rejects with the first failure. */
  async settled(): Promise<void> {
    await this.queue;
    if (this.failure) throw this.failure;
  }

  /** Runs the queue to its end and closes the file. Idempotent. */
  async close(): Promise<void> {
    if (!this.closed) {
      this.closed = true;
      this.queue = this.queue.then(async () => {
        await this.handle?.close().catch(() => undefined);
        this.handle = undefined;
      });
    }
    return this.settled();
  }

  private enqueue(operation: (handle: FileHandle) => Promise<void>): void {
    if (this.closed) throw new RecorderError('write_failed', `${this.path} is already closed`);
    this.queue = this.run(async () => {
      if (this.handle) await operation(this.handle);
    });
  }

  private run(operation: () => Promise<void>): Promise<void> {
    return (this.queue ?? Promise.resolve()).then(async () => {
      if (this.failure) return;
      try {
        await operation();
      } catch (error) {
        this.failure = new RecorderError('write_failed', `cannot write ${this.path}: ${(error as Error).message}`, { cause: error });
      }
    });
  }
}

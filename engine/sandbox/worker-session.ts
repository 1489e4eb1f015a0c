import type { ScenarioCommand, ScenarioEvent } from '../session/scenario-protocol.js';
import { serializeEvent } from './command-validation.js';
import type { SandboxSession, SandboxSessionDelegate, ScenarioFailure } from './sandbox-types.js';

/** The supervisor's stand-in for a session running in a worker process. */
export class WorkerSession implements SandboxSession {
  #alive = true;

  constructor(
    readonly sessionId: string,
    readonly wireId: number,
    /** The worker process running this session. */
    readonly workerPid: number,
    readonly maxMessageBytes: number,
    readonly delegate: SandboxSessionDelegate,
    private readonly transport: { deliver(wireId: number, json: string): void; dispose(wireId: number): void },
  ) {}

  get alive(): boolean {
    return this.#alive;
  }

  deliver(event: ScenarioEvent): void {
    if (!this.#alive) return;
    // Serialized (and size-checked) here, so that an oversized event is the caller's error, as with the in-process
    // host; the worker hands this text to the isolate as it is.
    this.transport.deliver(this.wireId, serializeEvent(event, this.maxMessageBytes));
  }

  dispose(): void {
    if (!this.#alive) return;
    this.#alive = false;
    this.transport.dispose(this.wireId);
  }

  /** A command the worker forwarded. */
  command(command: ScenarioCommand): void {
    if (!this.#alive) return;
    try {
      this.delegate.onCommand(command);
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      this.transport.dispose(this.wireId);
      this.fail({ kind: 'internal', message: `the host failed to handle "${command.op}": ${message}` });
    }
  }

  /** The worker reported a failure, or the worker died. */
  fail(failure: ScenarioFailure): void {
    if (!this.#alive) return;
    this.#alive = false;
    this.delegate.onFailure(failure);
  }
}

import type ivm from 'isolated-vm';
import type { ScenarioEvent } from '../session/scenario-protocol.js';
import { parseCommand, serializeEvent } from './command-validation.js';
import { CpuBudget } from './cpu-budget.js';
import type { IsolateWatchdog, WatchdogTarget } from './isolate-watchdog.js';
import type { EntryOutcome, SandboxIsolate } from './sandbox-isolate.js';
import type { SandboxLimits, SandboxSession, SandboxSessionDelegate, ScenarioFailure } from './sandbox-types.js';
import { failureFromAbort, failureFromFatal, failureFromThrown } from './scenario-failure.js';
import type { ScenarioSourceMap } from './scenario-source-map.js';

/** Thrown into user code when it calls the bridge after its session has ended or broken the protocol. */
const refusedSend = 'the session has ended';

/**
 * One scenario session in one isolate (in the current process).
 *
 * Entries into user code never nest: an event delivered while the isolate is running (e.g. by a host command handler
 * reacting synchronously) is queued and delivered right after the running entry returns, in order. A failure noticed
 * inside an entry (a bad command, a `fatal`) is acted on when the entry has returned, because an isolate cannot be
 * disposed from inside its own callback.
 */
export class IsolateSession implements SandboxSession, WatchdogTarget {
  readonly #isolate: SandboxIsolate;
  readonly #sourceMap: ScenarioSourceMap;
  readonly #limits: SandboxLimits;
  readonly #delegate: SandboxSessionDelegate;
  readonly #watchdog: IsolateWatchdog;
  readonly #budget: CpuBudget;
  readonly #queue: string[] = [];
  #inEntry = false;
  #ended = false;
  #released = false;
  #pendingFailure: ScenarioFailure | undefined;
  #onEnd: (() => void) | undefined;
  readonly #recycle: ((isolate: SandboxIsolate) => void) | undefined;

  constructor(
    readonly sessionId: string,
    init: {
      isolate: SandboxIsolate;
      sourceMap: ScenarioSourceMap;
      limits: SandboxLimits;
      delegate: SandboxSessionDelegate;
      watchdog: IsolateWatchdog;
      onEnd?: () => void;
      /** Takes the isolate of a session that ended cleanly, for reuse; without it, the isolate is disposed. */
      recycle?: (isolate: SandboxIsolate) => void;
    },
  ) {
    this.#isolate = init.isolate;
    this.#sourceMap = init.sourceMap;
    this.#limits = init.limits;
    this.#delegate = init.delegate;
    this.#watchdog = init.watchdog;
    this.#onEnd = init.onEnd;
    this.#recycle = init.recycle;
    this.#budget = new CpuBudget(this.#limits, this.#times());
    this.#isolate.onSend = (json) => this.#receive(json);
    this.#watchdog.watch(this);
  }

  get alive(): boolean {
    return !this.#ended;
  }

  /** True once the session has let go of its isolate (after dispose or failure): disposed, or handed back for reuse. */
  get isolateReleased(): boolean {
    return this.#released;
  }

  /** Runs the scenario's top level. */
  start(script: ivm.Script): void {
    this.#enter(() => this.#isolate.runMain(script, this.#limits.callbackTimeoutMs));
  }

  deliver(event: ScenarioEvent): void {
    if (this.#ended) return;
    this.deliverSerialized(serializeEvent(event, this.#limits.maxMessageBytes));
  }

  /** `deliver` for an event serialized by the caller, who has checked it against `maxMessageBytes`. */
  deliverSerialized(json: string): void {
    if (this.#ended) return;
    this.#queue.push(json);
    if (!this.#inEntry) this.#drain();
  }

  dispose(): void {
    if (this.#ended) return;
    this.#ended = true;
    if (!this.#inEntry) this.#release(this.#pendingFailure === undefined);
  }

  sample(): void {
    if (this.#ended || this.#inEntry) return;
    const verdict = this.#budget.onSample(this.#times());
    if (verdict) this.#fail({ kind: 'cpuLimit', message: verdict, file: this.#sourceMap.scenario.fileName });
  }

  #drain(): void {
    while (this.#queue.length > 0 && !this.#ended) {
      const json = this.#queue.shift()!;
      this.#enter(() => this.#isolate.deliver(json, this.#limits.callbackTimeoutMs));
    }
  }

  #enter(entry: () => EntryOutcome): void {
    this.#inEntry = true;
    let outcome: EntryOutcome;
    try {
      outcome = entry();
    } finally {
      this.#inEntry = false;
    }
    const failure = this.#pendingFailure ?? this.#failureOf(outcome);
    if (this.#ended) {
      // Disposed by the host while the entry ran: no delegate call follows a dispose().
      this.#release(failure === undefined);
      return;
    }
    if (failure) {
      this.#fail(failure);
      return;
    }
    const verdict = this.#budget.afterEntry(this.#times());
    if (verdict) this.#fail({ kind: 'cpuLimit', message: verdict, file: this.#sourceMap.scenario.fileName });
  }

  #failureOf(outcome: EntryOutcome): ScenarioFailure | undefined {
    switch (outcome.status) {
      case 'ok':
        return undefined;
      case 'threw':
        return failureFromThrown(outcome.thrown, this.#sourceMap);
      case 'aborted':
        return failureFromAbort(outcome.error, this.#isolate.disposed, this.#sourceMap, this.#limits);
    }
  }

  #receive(json: unknown): void {
    if (this.#ended || this.#pendingFailure) throw new Error(refusedSend);
    const parsed = parseCommand(json, this.#limits.maxMessageBytes);
    if (!parsed.ok) {
      this.#pendingFailure = { kind: 'protocol', message: parsed.reason, file: this.#sourceMap.scenario.fileName };
      throw new Error(parsed.reason);
    }
    const command = parsed.command;
    if (command.op === 'fatal') {
      this.#pendingFailure = failureFromFatal(command, this.#sourceMap);
      return;
    }
    try {
      this.#delegate.onCommand(command);
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      this.#pendingFailure = { kind: 'internal', message: `the host failed to handle "${command.op}": ${message}` };
      throw new Error(refusedSend);
    }
  }

  #fail(failure: ScenarioFailure): void {
    if (this.#ended) return;
    this.#ended = true;
    this.#release(false);
    this.#delegate.onFailure(failure);
  }

  /** @param clean the session ended without a failure, so its isolate may serve another session (in a new context). */
  #release(clean: boolean): void {
    this.#released = true;
    this.#queue.length = 0;
    this.#watchdog.unwatch(this);
    this.#isolate.onSend = undefined;
    if (clean && this.#recycle) this.#recycle(this.#isolate);
    else this.#isolate.dispose();
    const onEnd = this.#onEnd;
    this.#onEnd = undefined;
    onEnd?.();
  }

  #times(): { cpuNs: bigint; wallNs: bigint } {
    const isolate = this.#isolate.isolate;
    if (isolate.isDisposed) return { cpuNs: 0n, wallNs: 0n };
    return { cpuNs: isolate.cpuTime, wallNs: isolate.wallTime };
  }
}

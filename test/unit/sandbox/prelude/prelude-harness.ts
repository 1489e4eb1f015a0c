/**
 * Runs the real prelude the way the sandbox does: in an isolate from the sandbox's `IsolateFactory` (the bridge
 * bootstrap, then the prelude), bound to a fake host that captures every command. Events are delivered through the
 * bootstrap's `deliver` trampoline, and an exception a listener throws is rethrown here. `fresh` mode runs the
 * prelude alone in a bare isolate, to show it needs nothing from the host but `__callscript_send`.
 */
import ivm from 'isolated-vm';
import type { CallMirror, ScenarioCommand, ScenarioEvent } from '../../../../engine/session/scenario-protocol.js';
import { preludeSource } from '../../../../engine/sandbox/prelude/build-prelude.js';
import { IsolateFactory } from '../../../../engine/sandbox/isolate-factory.js';
import type { SandboxIsolate } from '../../../../engine/sandbox/sandbox-isolate.js';

let factory: IsolateFactory | undefined;

export class PreludeHarness {
  readonly commands: ScenarioCommand[] = [];
  private readonly sandbox: SandboxIsolate | undefined;
  private readonly isolate: ivm.Isolate;
  private readonly context: ivm.Context;
  private readonly deliverRef: ivm.Reference<(json: string) => void> | undefined;

  constructor(mode: 'sandbox' | 'fresh' = 'sandbox') {
    const receive = (json: unknown) => {
      this.commands.push(JSON.parse(json as string) as ScenarioCommand);
    };
    if (mode === 'sandbox') {
      factory ??= new IsolateFactory(preludeSource());
      this.sandbox = factory.create(32);
      this.sandbox.onSend = receive;
      this.isolate = this.sandbox.isolate;
      this.context = this.sandbox.context;
    } else {
      this.isolate = new ivm.Isolate({ memoryLimit: 32 });
      this.context = this.isolate.createContextSync();
      this.context.global.setSync('__callscript_send', new ivm.Callback(receive));
      this.context.evalSync(preludeSource());
      this.deliverRef = this.context.global.getSync('__callscript_deliver', { reference: true });
    }
  }

  /** Runs scenario code at top level (wrapped in a function, as the compiled scenario is). */
  run(code: string): void {
    this.context.evalSync(`(() => {\n${code}\n})()`);
  }

  /** Evaluates an expression inside the isolate and returns it copied out as JSON. */
  value<T = unknown>(expression: string): T {
    const json = this.context.evalSync(`JSON.stringify(${expression})`) as string | undefined;
    return (json === undefined ? undefined : JSON.parse(json)) as T;
  }

  deliver(event: ScenarioEvent): void {
    const json = JSON.stringify(event);
    if (this.deliverRef) {
      this.deliverRef.applySync(undefined, [json]);
      return;
    }
    const outcome = this.sandbox!.deliver(json, 5000);
    if (outcome.status === 'threw') throw new Error(outcome.thrown.message);
    if (outcome.status === 'aborted') throw outcome.error;
  }

  /** Announces an incoming call and delivers `AppEvents.CallAlerting` for it. */
  alert(mirror: Partial<CallMirror> = {}, payload: Record<string, string> = {}): CallMirror {
    const full: CallMirror = {
      id: 'in-1',
      state: 'ALERTING',
      incoming: true,
      callerid: '+15550100',
      displayName: 'Alice',
      number: '+15550199',
      clientType: 'sip',
      customData: '',
      headers: {},
      ...mirror,
    };
    this.deliver({ type: 'call.added', mirror: full });
    this.deliver({
      type: 'app',
      event: 'Application.CallAlerting',
      payload: { call: full.id, callerid: full.callerid, destination: full.number, displayName: full.displayName, ...payload },
    });
    return full;
  }

  /** Commands sent since the last call of `take()`. */
  take(): ScenarioCommand[] {
    return this.commands.splice(0, this.commands.length);
  }

  dispose(): void {
    if (this.sandbox) {
      this.sandbox.dispose();
      return;
    }
    this.deliverRef?.release();
    this.context.release();
    if (!this.isolate.isDisposed) this.isolate.dispose();
  }
}

/**
 * Runs the real prelude in a fresh isolated-vm isolate with a fake host: commands the isolate sends are captured,
 * events are delivered through `__callscript_deliver` exactly as the sandbox does.
 */
import ivm from 'isolated-vm';
import type { CallMirror, ScenarioCommand, ScenarioEvent } from '../../../../engine/session/scenario-protocol.js';
import { preludeSource } from '../../../../engine/sandbox/prelude/build-prelude.js';

export class PreludeHarness {
  readonly commands: ScenarioCommand[] = [];
  private readonly isolate = new ivm.Isolate({ memoryLimit: 32 });
  private readonly context: ivm.Context;
  private readonly deliverRef: ivm.Reference<(json: string) => void>;

  constructor() {
    this.context = this.isolate.createContextSync();
    this.context.global.setSync(
      '__callscript_send',
      new ivm.Callback((json: string) => {
        this.commands.push(JSON.parse(json) as ScenarioCommand);
      }),
    );
    this.context.evalSync(preludeSource());
    this.deliverRef = this.context.global.getSync('__callscript_deliver', { reference: true });
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
    this.deliverRef.applySync(undefined, [JSON.stringify(event)]);
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
    this.deliverRef.release();
    this.context.release();
    if (!this.isolate.isDisposed) this.isolate.dispose();
  }
}

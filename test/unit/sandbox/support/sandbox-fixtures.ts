import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { ScenarioCompiler } from '../../../../engine/sandbox/compile-scenario.js';
import type { CompiledScenario, SandboxSessionDelegate, ScenarioFailure } from '../../../../engine/sandbox/sandbox-types.js';
import type { ScenarioCommand, ScenarioEvent } from '../../../../engine/session/scenario-protocol.js';

/** The stand-in prelude: `VoxEngine.addEventListener`, `VoxEngine.terminate`, `Logger.write`, `AppEvents`. */
export const testPreludeSource = readFileSync(resolve(__dirname, '../../../fixtures/sandbox/test-prelude.js'), 'utf8');

const compiler = new ScenarioCompiler();

export function compileScenario(source: string, fileName = 'scenario.ts'): Promise<CompiledScenario> {
  return compiler.compileSource({ fileName, source });
}

export const started: ScenarioEvent = { type: 'app', event: 'Application.Started', payload: {} };

/** A delegate that records what the session reports. */
export class RecordingDelegate implements SandboxSessionDelegate {
  readonly commands: ScenarioCommand[] = [];
  readonly failures: ScenarioFailure[] = [];

  onCommand(command: ScenarioCommand): void {
    this.commands.push(command);
  }

  onFailure(failure: ScenarioFailure): void {
    this.failures.push(failure);
  }

  get logs(): string[] {
    return this.commands.flatMap((c) => (c.op === 'log' ? [c.text] : []));
  }
}

/** A scenario that logs each Started event it receives: the "second session that completes normally". */
export const healthyScenario = `
VoxEngine.addEventListener(AppEvents.Started, () => {
  Logger.write('healthy');
  VoxEngine.terminate();
});
`;

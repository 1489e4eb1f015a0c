import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkScenarioFile, checkScenarioSource } from '../../../engine/sandbox/type-check.js';

const fixtures = resolve(__dirname, '../../fixtures/sandbox');
const sdkTypes = resolve(fixtures, 'sdk-mini/index.d.ts');

describe('checkScenarioFile', () => {
  it('passes a scenario that type-checks against the SDK globals, returning it compiled', async () => {
    const result = await checkScenarioFile(resolve(fixtures, 'scenarios/with-import/main.ts'), { sdkTypes });
    expect(result.diagnostics).toEqual([]);
    expect(result.ok && result.scenario.fileName).toBe('main.ts');
  });

  it('reports type errors with file, line, column and message', async () => {
    const result = await checkScenarioFile(resolve(fixtures, 'scenarios/type-error.ts'), { sdkTypes });
    expect(result.ok).toBe(false);
    expect(result.diagnostics).toEqual([
      { phase: 'type-check', file: 'type-error.ts', line: 2, column: 9, message: "Type 'string' is not assignable to type 'number'." },
      {
        phase: 'type-check',
        file: 'type-error.ts',
        line: 3,
        column: 16,
        message: "Argument of type 'number' is not assignable to parameter of type 'string'.",
      },
    ]);
  });

  it('reports compile refusals before type-checking', async () => {
    const result = await checkScenarioFile(resolve(fixtures, 'scenarios/refused/builtin.ts'), { sdkTypes });
    expect(result.diagnostics).toMatchObject([{ phase: 'compile', file: 'builtin.ts', line: 2 }]);
  });

  it('checks against the engine\'s own sdk-types by default', async () => {
    const result = await checkScenarioSource({
      fileName: 'ivr.ts',
      source: `VoxEngine.addEventListener(AppEvents.CallAlerting, (e) => {\n  e.call.answer();\n  e.call.hangupp();\n});\n`,
    });
    expect(result.diagnostics).toMatchObject([{ phase: 'type-check', file: 'ivr.ts', line: 3, message: expect.stringContaining('hangupp') }]);
  });
});

describe('checkScenarioSource', () => {
  it('type-checks uploaded files, including the ones the entry imports', async () => {
    const result = await checkScenarioSource(
      {
        fileName: 'main.ts',
        source: "import { greet } from './lib/greet';\nLogger.write(greet(42));\n",
        files: { 'lib/greet.ts': 'export function greet(name: string): string {\n  return `hi ${name}`;\n}\n' },
      },
      { sdkTypes },
    );
    expect(result.diagnostics).toMatchObject([{ phase: 'type-check', file: 'main.ts', line: 2, column: 20 }]);
  });

  it('checks JavaScript scenarios too', async () => {
    const result = await checkScenarioSource({ fileName: 'plain.js', source: 'Logger.write(1, 2);\n' }, { sdkTypes });
    expect(result.diagnostics).toMatchObject([{ phase: 'type-check', file: 'plain.js', line: 1, message: expect.stringContaining('Expected 1 arguments') }]);
  });

  it('passes a valid upload', async () => {
    const result = await checkScenarioSource({ fileName: 'ok.ts', source: "Logger.write('fine');\n" }, { sdkTypes });
    expect(result.ok).toBe(true);
  });
});

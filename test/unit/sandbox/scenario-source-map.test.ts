import { describe, expect, it } from 'vitest';
import { ScenarioSourceMap } from '../../../engine/sandbox/scenario-source-map.js';
import { compileScenario } from './support/sandbox-fixtures.js';

describe('ScenarioSourceMap', () => {
  it('maps compiled positions to the author\'s file and keeps prelude frames, dropping bridge, wrapper and host frames', async () => {
    const scenario = await compileScenario("const a = 1;\nfunction fail(): never {\n  throw new Error('x');\n}\nfail();\n", 'author.ts');
    const generatedLine = scenario.code.split('\n').findIndex((l) => l.includes("throw new Error")) + 1;
    const generatedColumn = scenario.code.split('\n')[generatedLine - 1]!.indexOf('throw') + 1;
    const map = new ScenarioSourceMap(scenario);
    expect(map.originalPosition(generatedLine, generatedColumn)).toEqual({ file: 'author.ts', line: 3, column: 3 });

    const stack = [
      'Error: x',
      `    at fail (callscript-scenario.js:${generatedLine}:${generatedColumn})`,
      '    at Object.say (callscript-prelude.js:10:5)',
      '    at callscript-scenario.js:1:1',
      '    at run (callscript-bridge.js:40:20)',
      '    at (<isolated-vm boundary>)',
      '    at InProcessSandboxHost.startSession (/engine/in-process-host.ts:1:1)',
    ].join('\n');
    expect(map.mapStack(stack)).toEqual({
      stack: 'Error: x\n    at fail (author.ts:3:3)\n    at Object.say (callscript-prelude.js:10:5)',
      top: { file: 'author.ts', line: 3, column: 3 },
    });
  });

  it('leaves a stack without scenario frames unmapped', async () => {
    const map = new ScenarioSourceMap(await compileScenario('1;'));
    expect(map.mapStack('TypeError: y\n    at f (callscript-prelude.js:1:1)')).toEqual({
      stack: 'TypeError: y\n    at f (callscript-prelude.js:1:1)',
      top: undefined,
    });
  });
});

import { describe, expect, it } from 'vitest';
import { runSimulatedDemo } from '../../../engine/testing/simulated-demo.js';

describe('runSimulatedDemo', () => {
  it('tells the demo scenario\'s call step by step, pressing the digits asked for', async () => {
    const lines = await runSimulatedDemo('scenarios/demo.scenario.ts', { callerid: '+15550123', digits: '2' });
    const text = lines.join('\n');
    expect(lines[0]).toMatch(/incoming call from \+15550123 to 100/);
    expect(text).toMatch(/scenario: answer/);
    expect(text).toMatch(/scenario: says "Hello, and welcome to callscript\."/);
    expect(text).toMatch(/caller presses 2/);
    expect(text).toMatch(/says "You are calling from \+ 1 5 5 5 0 1 2 3\. Goodbye\."/);
    expect(text).toMatch(/event: Application\.Terminated/);
    expect(lines.at(-1)).toMatch(/^call record: incoming \+15550123 -> 100, normal by local/);
  });
});

/**
 * The engine's default scenario lives in `scenarios/demo.scenario.ts` (the scenario store's folder); its test sits
 * here with the other examples.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { loadScenario, type ScenarioKit } from '../../engine/testing/index.js';

describe('demo scenario', () => {
  let kit: ScenarioKit;
  afterEach(() => kit?.close());

  async function callerAtMenu() {
    kit = await loadScenario('scenarios/demo.scenario.ts');
    const caller = kit.incomingCall({ callerid: '+15550100', destination: 'demo' });
    await kit.flush();
    caller.finishPlayback();
    await kit.flush();
    caller.finishPlayback();
    await kit.flush();
    return caller;
  }

  const texts = (call: { said: Array<{ text: string }> }) => call.said.map((s) => s.text);

  it('answers, greets the caller and offers the menu', async () => {
    const caller = await callerAtMenu();
    expect(caller.answered).toBe(true);
    expect(texts(caller)).toEqual(['Hello, and welcome to callscript.', 'Press 1 to hear the time. Press 2 to hear your number.']);
    expect(kit.logs).toEqual(['demo: answered a call from +15550100']);
  });

  it('1 tells the time, then hangs up', async () => {
    const caller = await callerAtMenu();
    caller.pressDigit('1');
    await kit.flush();
    expect(texts(caller).at(-1)).toMatch(/^It is \d{1,2} \d\d U T C\. Goodbye\.$/);
    caller.finishPlayback();
    await kit.flush();
    expect(caller.hungUp).toBeDefined();
    expect(kit.terminated).toBe(true);
  });

  it('2 reads the caller number back', async () => {
    const caller = await callerAtMenu();
    caller.pressDigit('2');
    await kit.flush();
    expect(texts(caller).at(-1)).toBe('You are calling from + 1 5 5 5 0 1 0 0. Goodbye.');
  });

  it('says goodbye and hangs up after five seconds without a choice', async () => {
    const caller = await callerAtMenu();
    await kit.advance(5000);
    expect(texts(caller).at(-1)).toBe('Goodbye.');
    caller.finishPlayback();
    await kit.flush();
    expect(caller.hungUp).toBeDefined();
  });
});

import { afterEach, describe, expect, it } from 'vitest';
import { loadScenario, type ScenarioKit } from '../../engine/testing/index.js';

const MENU = 'For our opening hours, press 1. To talk to sales, press 2. To hear this menu again, press 0.';

describe('IVR example', () => {
  let kit: ScenarioKit;
  afterEach(() => kit?.close());

  /** A caller who has heard the welcome and the menu. */
  async function callerAtMenu() {
    kit = await loadScenario('examples/ivr/ivr.scenario.ts');
    const caller = kit.incomingCall({ callerid: '+15550100', displayName: 'Alice', destination: '100' });
    await kit.flush();
    caller.finishPlayback();
    await kit.flush();
    return caller;
  }

  const texts = (call: { said: Array<{ text: string }> }) => call.said.map((s) => s.text);

  it('answers, welcomes the caller in the chosen voice and offers the menu', async () => {
    const caller = await callerAtMenu();
    expect(caller.answered).toBe(true);
    expect(texts(caller)).toEqual(['Welcome to Example Corp.', MENU]);
    expect(caller.said[0]!.options.language).toMatchObject({ provider: 'Amazon', name: 'en_US_Joanna', language: 'en-US', gender: 'female' });
  });

  it('1 tells the opening hours, then hangs up and ends the session', async () => {
    const caller = await callerAtMenu();
    caller.pressDigit('1');
    await kit.flush();
    expect(texts(caller).at(-1)).toBe('We are open Monday to Friday, nine to five. Goodbye.');
    caller.finishPlayback();
    await kit.flush();
    expect(caller.hungUp).toBeDefined();
    expect(kit.terminated).toBe(true);
  });

  it('2 plays hold music, dials sales and joins the two calls when sales answers', async () => {
    const caller = await callerAtMenu();
    caller.pressDigit('2', 'sipinfo');
    await kit.flush();
    expect(caller.played).toEqual(['http://127.0.0.1:8080/assets/hold-music.mp3']);
    const sales = kit.nextOutgoingCall();
    expect(sales.dialed).toMatchObject({ to: 'sip:sales@127.0.0.1:5070' });
    sales.ringing().answer();
    await kit.flush();
    expect(kit.routes).toEqual(expect.arrayContaining([
      { from: `call:${caller.id}`, to: `call:${sales.id}` },
      { from: `call:${sales.id}`, to: `call:${caller.id}` },
    ]));
    sales.hangup();
    await kit.flush();
    expect(caller.hungUp).toBeDefined();
  });

  it('2 apologises and hangs up when sales is busy', async () => {
    const caller = await callerAtMenu();
    caller.pressDigit('2');
    await kit.flush();
    kit.nextOutgoingCall().busy();
    await kit.flush();
    expect(texts(caller).at(-1)).toBe('Sales is not available right now. Goodbye.');
    caller.finishPlayback();
    await kit.flush();
    expect(caller.hungUp).toBeDefined();
  });

  it('0 repeats the menu and an unknown digit is refused', async () => {
    const caller = await callerAtMenu();
    caller.pressDigit('0');
    await kit.flush();
    caller.pressDigit('7', 'inband');
    await kit.flush();
    expect(texts(caller).slice(2)).toEqual([MENU, `Sorry, 7 is not an option. ${MENU}`]);
  });

  it('offers the menu three times without input, then says goodbye', async () => {
    const caller = await callerAtMenu();
    for (let i = 0; i < 3; i++) {
      caller.finishPlayback();
      await kit.flush();
      await kit.advance(8000);
    }
    expect(texts(caller)).toEqual(['Welcome to Example Corp.', MENU, MENU, MENU, 'We did not receive your choice. Goodbye.']);
  });

  it('ends the session when the caller hangs up', async () => {
    const caller = await callerAtMenu();
    caller.hangup();
    await kit.flush();
    expect(kit.terminated).toBe(true);
    expect(kit.failure).toBeUndefined();
  });
});

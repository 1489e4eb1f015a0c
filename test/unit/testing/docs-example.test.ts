// The complete example of docs/testing.md, kept runnable: the scenario is test/fixtures/testing/greeter.scenario.ts.
import { afterEach, expect, it } from 'vitest';
import { loadScenario, type ScenarioKit } from 'callscript/testing';

let kit: ScenarioKit;
afterEach(() => kit?.close());

it('greets, takes 1 and joins the caller to sales', async () => {
  kit = await loadScenario('test/fixtures/testing/greeter.scenario.ts');
  const caller = kit.incomingCall({ callerid: '+15550100', destination: '100', headers: { 'X-Campaign': 'spring' } });
  await kit.flush();
  expect(caller.answered).toBe(true);
  expect(caller.said[0]!.text).toMatch(/Press 1/);

  caller.pressDigit('1', 'rfc2833');
  await kit.flush();
  const sales = kit.nextOutgoingCall();
  expect(sales.dialed).toMatchObject({ to: 'sip:sales@pbx.example.com', callerid: '+15550100' });
  sales.ringing().answer();
  await kit.flush();
  expect(kit.routes).toContainEqual({ from: `call:${caller.id}`, to: `call:${sales.id}` });

  caller.hangup();
  await kit.flush();
  expect(kit.terminated).toBe(true);
});

it('hangs up when sales is busy, and the session ends 60 s after the last call', async () => {
  kit = await loadScenario('test/fixtures/testing/greeter.scenario.ts');
  const caller = kit.incomingCall({ callerid: '+15550100', destination: '100' });
  await kit.flush();
  caller.pressDigit('1');
  await kit.flush();
  kit.nextOutgoingCall().busy();
  await kit.flush();
  expect(caller.hungUp).toBeDefined();
  expect(kit.eventNames(caller.id)).toContain('Call.Disconnected');
});

import { afterEach, describe, expect, it } from 'vitest';
import { loadScenario, type ScenarioKit } from '../../engine/testing/index.js';

const scenario = 'examples/outbound-notification/outbound-notification.scenario.ts';
const TEXT = 'Your order 42 has shipped.';

describe('outbound notification example', () => {
  let kit: ScenarioKit;
  afterEach(() => kit?.close());

  it('calls the SIP address from the custom data, says the message twice, then hangs up', async () => {
    kit = await loadScenario(scenario, { customData: JSON.stringify({ to: 'sip:+15550123@127.0.0.1:5070', text: TEXT }) });
    const callee = kit.nextOutgoingCall();
    expect(callee.dialed).toMatchObject({ kind: 'sip', to: 'sip:+15550123@127.0.0.1:5070', callerid: 'callscript' });
    callee.ringing().answer();
    await kit.flush();
    expect(callee.said.map((s) => s.text)).toEqual([TEXT]);
    expect(callee.said[0]!.options.language).toMatchObject({ provider: 'Default', language: 'en-US', gender: 'female' });
    callee.finishPlayback();
    await kit.flush();
    expect(callee.said.map((s) => s.text)).toEqual([TEXT, `Again: ${TEXT}`]);
    callee.finishPlayback();
    await kit.flush();
    expect(callee.hungUp).toBeDefined();
    expect(kit.terminated).toBe(true);
    expect(kit.logs).toEqual(['notification: sip:+15550123@127.0.0.1:5070 answered', 'notification: delivered to sip:+15550123@127.0.0.1:5070']);
  });

  it('calls a phone number through the trunk with the given caller id', async () => {
    kit = await loadScenario(scenario, { customData: JSON.stringify({ to: '+15550123', text: TEXT, callerid: '+15550999' }) });
    expect(kit.nextOutgoingCall().dialed).toMatchObject({ kind: 'pstn', to: '+15550123', callerid: '+15550999' });
  });

  it('logs a failed delivery and ends the session', async () => {
    kit = await loadScenario(scenario, { customData: JSON.stringify({ to: '+15550123', text: TEXT }) });
    kit.nextOutgoingCall().busy();
    await kit.flush();
    expect(kit.logs).toEqual(['notification: +15550123 failed with 486 Busy Here']);
    expect(kit.terminated).toBe(true);
  });

  it('gives up when nobody answers within 60 s', async () => {
    kit = await loadScenario(scenario, { customData: JSON.stringify({ to: '+15550123', text: TEXT }) });
    kit.nextOutgoingCall().ringing();
    await kit.advance(60_000);
    expect(kit.logs).toEqual([expect.stringMatching(/^notification: \+15550123 failed with 408/)]);
    expect(kit.terminated).toBe(true);
  });

  it('refuses custom data without a destination and a text, placing no call', async () => {
    kit = await loadScenario(scenario, { customData: '{"to": 5}' });
    expect(kit.outgoingCalls).toEqual([]);
    expect(kit.logs).toEqual(['notification: bad custom data "{\\"to\\": 5}"']);
    expect(kit.terminated).toBe(true);
  });
});

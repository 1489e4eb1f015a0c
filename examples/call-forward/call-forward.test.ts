import { afterEach, describe, expect, it } from 'vitest';
import { loadScenario, type ScenarioKit } from '../../engine/testing/index.js';

describe('call forward example', () => {
  let kit: ScenarioKit;
  afterEach(() => kit?.close());

  async function incoming() {
    kit = await loadScenario('examples/call-forward/call-forward.scenario.ts');
    const caller = kit.incomingCall({ callerid: '+15550100', displayName: 'Alice', destination: '300' });
    await kit.flush();
    return caller;
  }

  const joined = (a: { id: string }, b: { id: string }) => [
    { from: `call:${a.id}`, to: `call:${b.id}` },
    { from: `call:${b.id}`, to: `call:${a.id}` },
  ];

  it('rings the desk phone with the caller id, rings the caller, and joins both on answer', async () => {
    const caller = await incoming();
    const desk = kit.nextOutgoingCall();
    expect(desk.dialed).toMatchObject({
      kind: 'sip', to: 'sip:desk@127.0.0.1:5070', callerid: '+15550100', displayName: 'Alice',
      headers: { 'X-Forwarded-For': '+15550100' },
    });
    expect(caller.answered).toBe(false);
    desk.ringing();
    await kit.flush();
    expect(caller.rang).toBe(true);
    desk.answer();
    await kit.flush();
    expect(caller.answered).toBe(true);
    expect(kit.routes).toEqual(joined(caller, desk));
  });

  it('falls back to the mobile phone when the desk phone is busy', async () => {
    const caller = await incoming();
    kit.nextOutgoingCall().busy();
    await kit.flush();
    const mobile = kit.nextOutgoingCall();
    expect(mobile.dialed).toMatchObject({ to: 'sip:mobile@127.0.0.1:5072' });
    expect(kit.logs).toEqual(['primary failed with 486, trying the backup']);
    mobile.answer();
    await kit.flush();
    expect(caller.answered).toBe(true);
    expect(kit.routes).toEqual(joined(caller, mobile));
  });

  it("rejects the caller with the backup's code when both fail", async () => {
    const caller = await incoming();
    kit.nextOutgoingCall().decline();
    await kit.flush();
    kit.nextOutgoingCall().notFound();
    await kit.flush();
    expect(caller.rejectedCode).toBe(404);
  });

  it('treats an unanswered backup as a failure: 408 after 60 s', async () => {
    const caller = await incoming();
    kit.nextOutgoingCall().busy();
    await kit.flush();
    kit.nextOutgoingCall().ringing();
    await kit.advance(60_000);
    expect(caller.rejectedCode).toBe(408);
  });

  it('hangs up the caller and ends the session when the callee hangs up', async () => {
    const caller = await incoming();
    const desk = kit.nextOutgoingCall().answer();
    await kit.flush();
    desk.hangup();
    await kit.flush();
    expect(caller.hungUp).toBeDefined();
    expect(kit.terminated).toBe(true);
  });

  it('hangs up the callee when the caller hangs up', async () => {
    const caller = await incoming();
    const desk = kit.nextOutgoingCall().answer();
    await kit.flush();
    caller.hangup();
    await kit.flush();
    expect(desk.hungUp).toBeDefined();
    expect(kit.terminated).toBe(true);
  });
});

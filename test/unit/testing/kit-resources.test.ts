import { describe, expect, it } from 'vitest';
import { loadScenarioSource } from '../../../engine/testing/index.js';
import { kitSandboxHost } from '../../../engine/testing/kit-sandbox-host.js';

describe('kit resources', () => {
  it('releases the session\'s isolate and every timer when the kit closes or the session ends', async () => {
    const host = kitSandboxHost();
    const before = host.sessionCount;
    const kit = await loadScenarioSource(`
      VoxEngine.addEventListener(AppEvents.CallAlerting, (e) => { e.call.answer(); setInterval(() => Logger.write('tick'), 1000); });
    `);
    kit.incomingCall({ callerid: '1', destination: '2' });
    await kit.advance(2_500);
    expect(host.sessionCount).toBe(before + 1);
    kit.close();
    kit.close();
    await kit.flush();
    expect(host.sessionCount).toBe(before);
    expect(kit.clock.pendingTimers).toBe(0);
    expect(kit.incomingCalls[0]!.leg.isClosed).toBe(true);

    const ended = await loadScenarioSource(`VoxEngine.addEventListener(AppEvents.Started, () => VoxEngine.terminate());`);
    await ended.flush();
    expect(ended.terminated).toBe(true);
    expect(host.sessionCount).toBe(before);
    expect(ended.clock.pendingTimers).toBe(0);
  });
});

import { afterEach, describe, expect, it } from 'vitest';
import { loadScenarioSource, type ScenarioKit } from '../../../engine/testing/index.js';

// The glue (engine/sandbox/scenario-session.ts) through the kit, which runs it over the in-process sandbox host.
describe('scenario session glue', () => {
  let kit: ScenarioKit | undefined;
  afterEach(() => kit?.close());

  it('runs the top level before Started, so listeners added there see it', async () => {
    kit = await loadScenarioSource(`Logger.write('top'); VoxEngine.addEventListener(AppEvents.Started, (e) => Logger.write('started ' + e.sessionId));`, {
      sessionId: 'glue-1',
    });
    expect(kit.logs).toEqual(['top', 'started glue-1']);
  });

  it('delivers events caused by top-level commands once the sandbox is up', async () => {
    kit = await loadScenarioSource(`
      const p = VoxEngine.createTTSPlayer('hello');
      p.addEventListener(PlayerEvents.Created, () => Logger.write('created'));
      p.addEventListener(PlayerEvents.PlaybackFinished, () => Logger.write('finished'));
    `);
    expect(kit.logs).toEqual(['created']);
    await kit.advance(1000);
    expect(kit.logs).toEqual(['created', 'finished']);
  });

  it('ends the session when the host refuses a command the prelude let through, naming the argument', async () => {
    kit = await loadScenarioSource(
      `VoxEngine.addEventListener(AppEvents.Started, () => { VoxEngine.callSIP('sip:bob@example.com', { headers: { 'VI-CallTimeout': '5' } }); });`,
      { fileName: 'dial.scenario.ts' },
    );
    expect(kit.failure).toMatchObject({ kind: 'failed', file: 'dial.scenario.ts' });
    expect(kit.failure?.message).toMatch(/VoxEngine\.callSIP: argument 'parameters\.headers\['VI-CallTimeout'\]' must be between 10 and 400/);
    expect(kit.terminated).toBe(true);
  });

  it('a top-level exception ends the session before Started, with the author\'s line', async () => {
    kit = await loadScenarioSource(['const a = 1;', 'throw new Error("boom " + a);'].join('\n'), { fileName: 'top.scenario.ts' });
    expect(kit.failure).toMatchObject({ file: 'top.scenario.ts', line: 2 });
    expect(kit.eventNames()).toEqual([]);
  });
});

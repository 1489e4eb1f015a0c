import { afterAll, describe, expect, it } from 'vitest';
import { delay, freePort } from '../interop/sip/helpers.js';
import { killAllSipp, startSipp } from '../interop/sip/sipp.js';
import { ServeProcess } from './serve-process.js';

describe('callscript serve: SIGTERM drains', () => {
  let serve: ServeProcess | undefined;

  afterAll(async () => {
    killAllSipp();
    await serve?.close();
  });

  it('refuses new calls with 503, hangs up the call still up after the drain timeout, and exits 0', async () => {
    serve = await ServeProcess.start({ rules: [{ pattern: '.*', scenario: 'ivr.ts' }], limits: { drainTimeoutMs: 1500 } });
    const inProgress = startSipp({
      scenario: 'uac',
      remote: serve.remote,
      localPort: await freePort(),
      calls: 1,
      timeoutSeconds: 30,
      // Would hang up after 20 s on its own: the drain ends it first.
      extra: ['-s', '100', '-d', '20000', '-mi', '127.0.0.1', '-mp', String(await freePort())],
    });
    await serve.waitForLog('incoming call routed');
    await delay(500);
    const metrics = await serve.apiText('/metrics');
    expect(metrics).toMatch(/callscript_sessions_active 1\b/);
    expect(metrics).toMatch(/callscript_calls_active\{status="\w+"\} 1\b/);
    expect(metrics).toMatch(/callscript_call_attempts_total\{direction="incoming"\} 1\b/);
    const exited = serve.terminate();
    await serve.waitForLog('draining');
    const refused = await startSipp({ scenario: 'uac', remote: serve.remote, localPort: await freePort(), calls: 1, timeoutSeconds: 10, extra: ['-s', '101'] }).done;
    expect(refused.output).toMatch(/503/);
    expect(await exited).toBe(0);
    const hungUp = await inProgress.done;
    // The engine's BYE ended the call before sipp's own 20 s BYE.
    expect(hungUp.output).toMatch(/unexpected BYE/i);
    expect(serve.log).toContain('"terminated":1');
  }, 60_000);
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { delay, eventually, freePort } from '../sip/helpers.js';
import { killAllSipp, startSipp } from '../sip/sipp.js';
import { SipLegTestEngine } from './sip-leg-harness.js';

const FIXTURES = new URL('../../fixtures/sip-leg/', import.meta.url).pathname;
const SIPP_FIXTURES = new URL('../../fixtures/sipp/', import.meta.url).pathname;

/** A `Call` over an outgoing `SipCallLeg` placed to sipp acting as the callee. */
describe('SipCallLeg: outgoing calls to sipp', () => {
  let engine: SipLegTestEngine;

  beforeAll(async () => {
    engine = await SipLegTestEngine.start({ min: 41100, max: 41198 });
  });

  afterAll(() => {
    killAllSipp();
    engine.close();
  });

  const callee = async (scenario: string, extra: string[] = []) => {
    const port = await freePort();
    const sipp = startSipp({ scenario, localPort: port, calls: 1, extra: ['-mi', '127.0.0.1', '-mp', String(await freePort()), ...extra] });
    // sipp over UDP gives no sign that it listens: give it a moment.
    await delay(300);
    return { sipp, uri: `sip:callee@127.0.0.1:${port}` };
  };

  it('connects when sipp answers (ACK sent), and hangs up with BYE', async () => {
    const { sipp, uri } = await callee('uas');
    const observed = await engine.dial({ uri, from: 'sip:callscript@127.0.0.1', headers: { 'X-Campaign': 'spring' } });
    await observed.waitFor('Call.Connected');
    expect(observed.names()).toContain('Call.Ringing');
    expect(observed.names()).toContain('Call.AudioStarted');
    observed.call.hangup({ 'X-Hangup': 'done' });
    const result = await sipp.done;
    expect(result.exitCode, result.output).toBe(0);
    expect(result.successfulCalls).toBe(1);
    expect(observed.event('Call.Disconnected')!.payload).toMatchObject({ internalCode: 200, direction: 'outgoing' });
  }, 20_000);

  it('reports 181 as Forwarding, 180 as Ringing, and fails with 486 Busy Here and the X- headers of the response', async () => {
    const { sipp, uri } = await callee(`${FIXTURES}uas-busy.xml`);
    const observed = await engine.dial({ uri, from: 'sip:callscript@127.0.0.1' });
    const failed = await observed.waitFor('Call.Failed');
    expect(failed.payload).toEqual({ code: 486, reason: 'Busy Here', headers: { 'X-Busy-Tag': 'busy' } });
    expect(observed.event('Call.Ringing')!.payload).toEqual({ headers: { 'X-Ring-Tag': 'ringing' } });
    expect(observed.names()).toContain('Call.Forwarding');
    expect(observed.names().indexOf('Call.Forwarding')).toBeLessThan(observed.names().indexOf('Call.Ringing'));
    const result = await sipp.done;
    expect(result.exitCode, result.output).toBe(0);
  }, 20_000);

  it('sends the INVITE through the outbound proxy (outProxy) rather than to the Request-URI host', async () => {
    const { sipp, uri } = await callee(`${FIXTURES}uas-busy.xml`);
    const proxy = uri.replace('callee@', '');
    // 192.0.2.1 (TEST-NET-1) is never reached: only the pre-loaded route leads to sipp.
    const observed = await engine.dial({ uri: 'sip:callee@192.0.2.1', from: 'sip:callscript@127.0.0.1', outboundProxy: proxy });
    const failed = await observed.waitFor('Call.Failed');
    expect(failed.payload).toMatchObject({ code: 486 });
    const result = await sipp.done;
    expect(result.exitCode, result.output).toBe(0);
  }, 20_000);

  it('answers a 401 challenge with the authUser and password, then connects', async () => {
    const { sipp, uri } = await callee(`${SIPP_FIXTURES}uas-auth-401.xml`);
    const observed = await engine.dial({ uri, from: 'sip:alice@127.0.0.1', authUser: 'alice', password: 'secret' });
    await observed.waitFor('Call.Connected');
    observed.call.hangup({});
    const result = await sipp.done;
    expect(result.exitCode, result.output).toBe(0);
    expect(result.successfulCalls).toBe(1);
  }, 20_000);

  it('fails with 403 when the password is wrong', async () => {
    const { sipp, uri } = await callee(`${SIPP_FIXTURES}uas-auth-401.xml`);
    const observed = await engine.dial({ uri, from: 'sip:alice@127.0.0.1', authUser: 'alice', password: 'wrong' });
    const failed = await observed.waitFor('Call.Failed');
    expect(failed.payload).toMatchObject({ code: 403 });
    await sipp.done;
  }, 20_000);

  it('cancels a ringing call on hangup: CANCEL, then Failed 487', async () => {
    const { sipp, uri } = await callee(`${FIXTURES}uas-ring-cancel.xml`);
    const observed = await engine.dial({ uri, from: 'sip:callscript@127.0.0.1' });
    await observed.waitFor('Call.Ringing');
    observed.call.hangup({});
    const result = await sipp.done;
    expect(result.exitCode, result.output).toBe(0);
    expect(observed.event('Call.Failed')!.payload).toMatchObject({ code: 487 });
  }, 20_000);

  it('transfers blind by REFER: TransferComplete from the NOTIFY sipfrag, then the transferee leaves', async () => {
    const { sipp, uri } = await callee(`${FIXTURES}uas-refer.xml`);
    const observed = await engine.dial({ uri, from: 'sip:callscript@127.0.0.1' });
    await observed.waitFor('Call.Connected');
    observed.call.transfer.transferTo({ kind: 'blind', to: 'sip:transfer-target@127.0.0.1', headers: {} });
    const complete = await observed.waitFor('Call.TransferComplete');
    expect(complete.payload).toMatchObject({ role: 'transferor' });
    await observed.waitFor('Call.Disconnected');
    const result = await sipp.done;
    expect(result.exitCode, result.output).toBe(0);
  }, 20_000);

  it('releases every RTP port once the calls are over', async () => {
    await eventually(() => engine.media.counts.portsInUse === 0 && engine.ua.stats.dialogs === 0, 15_000);
    expect(engine.media.counts).toMatchObject({ endpoints: 0, portsInUse: 0, pacedStreams: 0 });
  }, 20_000);
});

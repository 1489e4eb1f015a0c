import { describe, expect, it } from 'vitest';
import type { CallLegDelegate } from '../../../engine/call/call-leg.js';
import type { SipCallLeg } from '../../../engine/call/sip-leg.js';
import { DialError, DialedSipLeg } from '../../../engine/server/dialed-sip-leg.js';

function fakeLeg() {
  const calls: string[] = [];
  const leg = {
    setDelegate: () => calls.push('setDelegate'),
    hangup: () => calls.push('hangup'),
    sendDigits: (digits: string) => calls.push(`sendDigits ${digits}`),
    close: () => calls.push('close'),
  };
  return { leg: leg as unknown as SipCallLeg, calls };
}

function deferred<T>() {
  let resolve!: (value: T) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<T>((res, rej) => ((resolve = res), (reject = rej)));
  return { promise, resolve, reject };
}

const tick = () => new Promise((done) => setTimeout(done, 0));

describe('DialedSipLeg', () => {
  it('queues commands until the SIP leg exists, then hands over the delegate and replays them in order', async () => {
    const setup = deferred<SipCallLeg>();
    const dialed = new DialedSipLeg('out:1', setup.promise);
    dialed.setDelegate({} as CallLegDelegate);
    dialed.sendDigits('12');
    dialed.hangup({});
    const { leg, calls } = fakeLeg();
    setup.resolve(leg);
    await tick();
    expect(calls).toEqual(['setDelegate', 'sendDigits 12', 'hangup']);
    dialed.sendDigits('3');
    expect(calls.at(-1)).toBe('sendDigits 3');
  });

  it('closed before the leg exists: the leg is closed as soon as it arrives, and nothing is replayed', async () => {
    const setup = deferred<SipCallLeg>();
    const dialed = new DialedSipLeg('out:2', setup.promise);
    dialed.sendDigits('1');
    dialed.close();
    dialed.close();
    const { leg, calls } = fakeLeg();
    setup.resolve(leg);
    await tick();
    expect(calls).toEqual(['close']);
  });

  it('a setup that fails is reported as the far end would: failed with the SIP status', async () => {
    const failures: unknown[] = [];
    const delegate = { failed: (code: number, reason: string) => failures.push([code, reason]) } as unknown as CallLegDelegate;
    const noTrunk = new DialedSipLeg('out:3', Promise.reject(new DialError(404, 'Not Found')));
    noTrunk.setDelegate(delegate);
    const noPorts = new DialedSipLeg('out:4', Promise.reject(Object.assign(new Error('ports'), { code: 'port-range-exhausted' })));
    await tick();
    noPorts.setDelegate(delegate);
    await tick();
    expect(failures).toEqual([
      [404, 'Not Found'],
      [503, 'Service Unavailable'],
    ]);
  });
});

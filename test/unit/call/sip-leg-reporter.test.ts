import { describe, expect, it } from 'vitest';
import type { CallLegDelegate } from '../../../engine/call/call-leg.js';
import { SipLegReporter } from '../../../engine/call/sip-leg-reporter.js';

function recordingDelegate(seen: string[]): CallLegDelegate {
  return new Proxy({} as CallLegDelegate, {
    get: (_target, name) => (...args: unknown[]) => seen.push(`${String(name)}(${args.join(',')})`),
  });
}

const tick = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

describe('SipLegReporter', () => {
  it('holds reports until the delegate is installed, then delivers them in order', async () => {
    const reporter = new SipLegReporter();
    const seen: string[] = [];
    reporter.report((d) => d.ringing({}));
    reporter.report((d) => d.connected({}));
    await tick();
    expect(seen).toEqual([]);
    reporter.setDelegate(recordingDelegate(seen));
    reporter.report((d) => d.remoteHangup({}));
    await tick();
    expect(seen).toEqual(['ringing([object Object])', 'connected([object Object])', 'remoteHangup([object Object])']);
  });

  it('never reports inside the call that caused the report', async () => {
    const reporter = new SipLegReporter();
    const seen: string[] = [];
    reporter.setDelegate(recordingDelegate(seen));
    reporter.report((d) => d.firstAudioPacket());
    expect(seen).toEqual([]);
    await tick();
    expect(seen).toEqual(['firstAudioPacket()']);
  });

  it('reports nothing after close, not even what was already queued', async () => {
    const reporter = new SipLegReporter();
    const seen: string[] = [];
    reporter.setDelegate(recordingDelegate(seen));
    reporter.report((d) => d.rtpStopped());
    reporter.close();
    reporter.report((d) => d.rtpResumed());
    await tick();
    expect(seen).toEqual([]);
  });
});

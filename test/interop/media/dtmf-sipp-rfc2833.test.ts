import { afterEach, describe, expect, it } from 'vitest';
import { systemClock } from '../../../engine/clock.js';
import type { DtmfEvent } from '../../../engine/media/dtmf/dtmf-types.js';
import { FrameScheduler } from '../../../engine/media/pacing/frame-scheduler.js';
import { PortPool } from '../../../engine/media/rtp/port-pool.js';
import { RtpEndpoint } from '../../../engine/media/rtp/rtp-endpoint.js';
import { freeUdpPort, SippPcapPlayer } from './endpoint-sipp-call.js';

let cleanup: (() => void)[] = [];
afterEach(() => {
  for (const step of cleanup.reverse()) step();
  cleanup = [];
});

describe('sipp plays its RFC 2833 pcaps into a callscript endpoint', () => {
  it('reports exactly the digits sent, once each, as type 1', async () => {
    const digits = ['1', '5', 'star', 'pound', '0'];
    const sippMediaPort = await freeUdpPort();
    const pool = new PortPool(43200, 43209);
    const scheduler = new FrameScheduler(systemClock);
    const endpoint = await RtpEndpoint.open({ portPool: pool, scheduler, clock: systemClock, bindAddress: '127.0.0.1' });
    const sipp = new SippPcapPlayer(await freeUdpPort(), sippMediaPort);
    cleanup.push(() => scheduler.close(), () => endpoint.close(), () => sipp.close());
    const received: DtmfEvent[] = [];
    endpoint.delegate = { onDtmf: (event) => received.push(event) };
    // In-band detection is on, as a scenario's handleTones would have it: RFC 2833 must switch it off, not double.
    endpoint.setInbandDtmfDetection(true);

    sipp.start(digits.map((d) => `/usr/share/sip-tester/dtmf_2833_${d}.pcap`), 400, 300);
    await sipp.call(endpoint);
    expect(await sipp.finished()).toBe(0);

    expect(received).toEqual(['1', '5', '*', '#', '0'].map((digit) => ({ digit, type: 1 })));
    expect(endpoint.inbandDtmfDetection).toBe(false);
    expect(endpoint.stats.malformed).toBe(0);
  });
});

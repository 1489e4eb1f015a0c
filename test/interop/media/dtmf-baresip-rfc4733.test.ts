import { setTimeout as sleep } from 'node:timers/promises';
import { afterEach, describe, expect, it } from 'vitest';
import { systemClock } from '../../../engine/clock.js';
import { FrameScheduler } from '../../../engine/media/pacing/frame-scheduler.js';
import { PortPool } from '../../../engine/media/rtp/port-pool.js';
import { RtpEndpoint } from '../../../engine/media/rtp/rtp-endpoint.js';
import { freeUdpPort } from './endpoint-sipp-call.js';
import { BaresipPeer } from './speech-baresip-peer.js';
import { freeBaresipSipPort } from '../../support/baresip-port.js';

let cleanup: (() => void)[] = [];
afterEach(() => {
  for (const step of cleanup.reverse()) step();
  cleanup = [];
});

describe('a callscript endpoint sends DTMF to baresip', () => {
  it('baresip decodes exactly the RFC 4733 events of sendDigits, pauses included', async () => {
    const pool = new PortPool(44700, 44709);
    const scheduler = new FrameScheduler(systemClock);
    const endpoint = await RtpEndpoint.open({ portPool: pool, scheduler, clock: systemClock, bindAddress: '127.0.0.1' });
    const rtp = await freeUdpPort();
    const peer = new BaresipPeer(await freeBaresipSipPort(), [rtp, rtp + 19]);
    cleanup.push(() => scheduler.close(), () => endpoint.close(), () => peer.close());

    peer.start();
    await peer.call(endpoint);
    endpoint.sendDigits('159p#*0D');
    // Eight digits of 200 ms and one 500 ms pause: 2.1 s; give the peer time to report the last one.
    await sleep(3000);
    await peer.hangup();

    const starts = [...peer.log.matchAll(/received event: '(.)' \(end=0\)/g)].map((m) => m[1]).join('');
    expect(starts).toBe('159#*0D');
    // No audio source: only the events went out, four updates and three end packets per digit (RFC 4733 2.5.1.4).
    expect(endpoint.stats.packetsSent).toBe(7 * 7);
  });
});

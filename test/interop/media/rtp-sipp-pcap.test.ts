import { afterEach, describe, expect, it } from 'vitest';
import { systemClock } from '../../../engine/clock.js';
import type { AudioDirection, AudioSink } from '../../../engine/media/media-types.js';
import { FrameScheduler } from '../../../engine/media/pacing/frame-scheduler.js';
import { PortPool } from '../../../engine/media/rtp/port-pool.js';
import { RtpEndpoint } from '../../../engine/media/rtp/rtp-endpoint.js';
import { freeUdpPort, SippPcapPlayer } from './endpoint-sipp-call.js';

const fixture = (name: string) => new URL(`../../fixtures/media/${name}`, import.meta.url).pathname;

class PcmCollector implements AudioSink {
  readonly samples: number[] = [];
  writeFrame(frame: Int16Array, direction: AudioDirection): void {
    if (direction === 'received') this.samples.push(...frame);
  }
}

let cleanup: (() => void)[] = [];
afterEach(() => {
  for (const step of cleanup.reverse()) step();
  cleanup = [];
});

describe('sipp plays g711a.pcap into a callscript endpoint', () => {
  it('receives the whole 7.08 s of A-law speech, re-framed from 30 ms packets, and it is not silence', async () => {
    const sippMediaPort = await freeUdpPort();
    const pool = new PortPool(43000, 43009);
    const scheduler = new FrameScheduler(systemClock);
    const endpoint = await RtpEndpoint.open({ portPool: pool, scheduler, clock: systemClock, bindAddress: '127.0.0.1' });
    const sipp = new SippPcapPlayer(await freeUdpPort(), sippMediaPort);
    cleanup.push(() => scheduler.close(), () => endpoint.close(), () => sipp.close());
    const collector = new PcmCollector();
    endpoint.addSink(collector);
    const firsts: number[] = [];
    endpoint.delegate = { onFirstAudioPacket: () => firsts.push(Date.now()) };

    sipp.start([fixture('g711a.pcap')], 7500, 500);
    await sipp.call(endpoint);
    expect(await sipp.finished()).toBe(0);

    // The capture holds 236 packets of 240 samples (30 ms): 56,640 samples, 7.08 s.
    expect(endpoint.stats.packetsReceived).toBe(236);
    expect(endpoint.stats).toMatchObject({ malformed: 0, unknownPayloadType: 0, foreignSource: 0, packetsLost: 0, packetsLate: 0, framesConcealed: 0 });
    expect(collector.samples.length).toBe(56_640);
    expect(firsts).toHaveLength(1);
    const rms = Math.sqrt(collector.samples.reduce((sum, s) => sum + s * s, 0) / collector.samples.length);
    expect(rms).toBeGreaterThan(300);
    // Speech has pauses and peaks: its loudest 100 ms is far above its quietest.
    const windows = [];
    for (let i = 0; i + 800 <= collector.samples.length; i += 800) {
      windows.push(Math.sqrt(collector.samples.slice(i, i + 800).reduce((sum, s) => sum + s * s, 0) / 800));
    }
    expect(Math.max(...windows)).toBeGreaterThan(10 * Math.min(...windows));
    expect(endpoint.remote?.port).toBe(sippMediaPort);
    endpoint.close();
    expect(pool.inUse).toBe(0);
  });
});

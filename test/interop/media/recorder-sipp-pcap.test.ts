import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { systemClock } from '../../../engine/clock.js';
import type { AudioDirection, AudioSink } from '../../../engine/media/media-types.js';
import { FrameScheduler } from '../../../engine/media/pacing/frame-scheduler.js';
import { Recorder } from '../../../engine/media/recorder/recorder.js';
import type { RecordingFormat } from '../../../engine/media/recorder/recorder-types.js';
import { PortPool } from '../../../engine/media/rtp/port-pool.js';
import { RtpEndpoint } from '../../../engine/media/rtp/rtp-endpoint.js';
import { rms } from '../../unit/media/sources/signal-analysis.js';
import { scratchDirectory, soxDecode, soxiDuration } from '../../unit/media/sources/sox-fixtures.js';
import { SippPcapPlayer } from './endpoint-sipp-call.js';

const fixture = (name: string) => new URL(`../../fixtures/media/${name}`, import.meta.url).pathname;
// sipp's g711a.pcap: 236 packets of 30 ms A-law speech.
const PCAP_SAMPLES = 56_640;

class ReceivedAudio implements AudioSink {
  readonly samples: number[] = [];
  writeFrame(frame: Int16Array, direction: AudioDirection): void {
    if (direction === 'received') this.samples.push(...frame);
  }
}

/** Index where `needle` (its first 400 samples) starts inside `haystack`, or -1. */
function locate(haystack: Int16Array, needle: Int16Array): number {
  const probe = needle.subarray(0, 400);
  outer: for (let i = 0; i + probe.length <= haystack.length; i++) {
    for (let j = 0; j < probe.length; j++) if (haystack[i + j] !== probe[j]) continue outer;
    return i;
  }
  return -1;
}

let cleanup: (() => void)[] = [];
afterEach(() => {
  for (const step of cleanup.reverse()) step();
  cleanup = [];
});

async function recordPcap(format: RecordingFormat, ports: { rtp: number; sip: number; sippMedia: number }): Promise<{ path: string; received: Int16Array; duration: number }> {
  const scratch = scratchDirectory();
  const pool = new PortPool(ports.rtp, ports.rtp + 9);
  const scheduler = new FrameScheduler(systemClock);
  const endpoint = await RtpEndpoint.open({ portPool: pool, scheduler, clock: systemClock, bindAddress: '127.0.0.1' });
  const sipp = new SippPcapPlayer(ports.sip, ports.sippMedia);
  cleanup.push(scratch.dispose, () => scheduler.close(), () => endpoint.close(), () => sipp.close());
  const path = join(scratch.path, `g711a.${format}`);
  const recorder = new Recorder({ path, format, clock: systemClock });
  const tap = new ReceivedAudio();
  endpoint.addSink(recorder);
  endpoint.addSink(tap);
  sipp.start([fixture('g711a.pcap')], 7500, 300);
  await sipp.call(endpoint);
  expect(await sipp.finished()).toBe(0);
  // The call ends abruptly: the peer is gone, the endpoint is closed under the recorder, which is then stopped.
  endpoint.close();
  const { duration } = await recorder.stop();
  return { path, received: Int16Array.from(tap.samples), duration };
}

describe('recording what sipp plays from g711a.pcap', () => {
  it('writes a WAV holding every received sample, in order and without gaps', async () => {
    const { path, received, duration } = await recordPcap('wav', { rtp: 44200, sip: 44260, sippMedia: 44300 });
    expect(received.length).toBe(PCAP_SAMPLES);
    const recorded = soxDecode(path);
    expect(soxiDuration(path)).toBeCloseTo(duration, 2);
    // The recording spans the call: at least the 7.08 s of speech, plus call setup before it.
    expect(duration).toBeGreaterThan(7.08);
    expect(duration).toBeLessThan(12);
    const at = locate(recorded, received);
    expect(at).toBeGreaterThanOrEqual(0);
    expect(recorded.subarray(at, at + PCAP_SAMPLES)).toEqual(received);
  });

  it('writes an MP3 (the default) that sox decodes to the expected duration, and it is speech, not silence', async () => {
    const { path, duration } = await recordPcap('mp3', { rtp: 44210, sip: 44270, sippMedia: 44310 });
    expect(soxiDuration(path)).toBeGreaterThan(duration - 0.1);
    expect(soxiDuration(path)).toBeLessThan(duration + 0.2);
    const recorded = soxDecode(path);
    const windows: number[] = [];
    for (let i = 0; i + 800 <= recorded.length; i += 800) windows.push(rms(recorded.subarray(i, i + 800)));
    const loud = windows.filter((w) => w > 300).length;
    // About 7 s of the speech capture are loud enough; silence before and after the pcap is not.
    expect(loud / 10).toBeGreaterThan(4);
    expect(loud / 10).toBeLessThan(7.2);
  });
});

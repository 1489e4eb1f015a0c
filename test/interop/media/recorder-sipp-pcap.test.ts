import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { systemClock } from '../../../engine/clock.js';
import type { AudioDirection, AudioSink } from '../../../engine/media/media-types.js';
import { FrameScheduler } from '../../../engine/media/pacing/frame-scheduler.js';
import { createPlaybackSources } from '../../../engine/media/player/playback-setup.js';
import { Player } from '../../../engine/media/player/player.js';
import { Recorder } from '../../../engine/media/recorder/recorder.js';
import type { RecordingFormat } from '../../../engine/media/recorder/recorder-types.js';
import { PortPool } from '../../../engine/media/rtp/port-pool.js';
import { RtpEndpoint } from '../../../engine/media/rtp/rtp-endpoint.js';
import { rms } from '../../unit/media/sources/signal-analysis.js';
import { scratchDirectory, soxDecode, soxiDuration } from '../../unit/media/sources/sox-fixtures.js';
import { freeUdpPort, SippPcapPlayer } from './endpoint-sipp-call.js';

const fixture = (name: string) => new URL(`../../fixtures/media/${name}`, import.meta.url).pathname;
// sipp's g711a.pcap: 236 packets of 30 ms A-law speech.
const PCAP_SAMPLES = 56_640;

class ReceivedAudio implements AudioSink {
  readonly samples: number[] = [];
  writeFrame(frame: Int16Array, direction: AudioDirection): void {
    if (direction === 'received') this.samples.push(...frame);
  }
}

/** One channel of a stereo file, extracted by sox's remix and decoded. */
function remix(path: string, channel: 1 | 2, out: string): Int16Array {
  execFileSync('sox', [path, out, 'remix', `${channel}`]);
  return soxDecode(out);
}

/**
 * How many of `needle`'s 20 ms frames appear in `haystack` in order (each after the previous one). A recording may
 * hold a pause where the audio really was late (a stall of this loaded machine shows on the wire too), so frames are
 * matched one by one rather than as one block.
 */
function framesInOrder(haystack: Int16Array, needle: Int16Array): number {
  let found = 0;
  let from = 0;
  for (let start = 0; start + 160 <= needle.length; start += 160) {
    const frame = needle.subarray(start, start + 160);
    let at = -1;
    search: for (let i = from; i + 160 <= haystack.length; i++) {
      for (let j = 0; j < 160; j++) if (haystack[i + j] !== frame[j]) continue search;
      at = i;
      break;
    }
    if (at < 0) break;
    found++;
    from = at + 160;
  }
  return found;
}

let cleanup: (() => void)[] = [];
afterEach(() => {
  for (const step of cleanup.reverse()) step();
  cleanup = [];
});

async function recordPcap(format: RecordingFormat, rtpPorts: number): Promise<{ path: string; received: Int16Array; duration: number }> {
  const scratch = scratchDirectory();
  const pool = new PortPool(rtpPorts, rtpPorts + 9);
  const scheduler = new FrameScheduler(systemClock);
  const endpoint = await RtpEndpoint.open({ portPool: pool, scheduler, clock: systemClock, bindAddress: '127.0.0.1' });
  const sipp = new SippPcapPlayer(await freeUdpPort(), await freeUdpPort());
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
  it('writes a WAV holding every received sample, in order', async () => {
    const { path, received, duration } = await recordPcap('wav', 44200);
    expect(received.length).toBe(PCAP_SAMPLES);
    const recorded = soxDecode(path);
    expect(soxiDuration(path)).toBeCloseTo(duration, 2);
    // The recording spans the call: at least the 7.08 s of speech, plus call setup before it.
    expect(duration).toBeGreaterThan(7.08);
    expect(duration).toBeLessThan(12);
    expect(framesInOrder(recorded, received)).toBe(PCAP_SAMPLES / 160);
  });

  it('writes an MP3 (the default) that sox decodes to the expected duration, and it is speech, not silence', async () => {
    const { path, duration } = await recordPcap('mp3', 44210);
    // MP3 adds the encoder's delay (one 72 ms frame at 8 kHz) and pads the last frame; soxi's estimate for a file with
    // no Xing header can add one frame more. Measured: 72 to 216 ms longer than the PCM written.
    expect(soxiDuration(path)).toBeGreaterThan(duration);
    expect(soxiDuration(path)).toBeLessThan(duration + 0.25);
    const recorded = soxDecode(path);
    const windows: number[] = [];
    for (let i = 0; i + 800 <= recorded.length; i += 800) windows.push(rms(recorded.subarray(i, i + 800)));
    const loud = windows.filter((w) => w > 300).length;
    // About 7 s of the speech capture are loud enough; silence before and after the pcap is not.
    expect(loud / 10).toBeGreaterThan(4);
    expect(loud / 10).toBeLessThan(7.2);
  });

  it('stereo: what sipp plays in the left channel, the speech we say to it in the right, each intact', async () => {
    const scratch = scratchDirectory();
    const pool = new PortPool(44220, 44229);
    const scheduler = new FrameScheduler(systemClock);
    const endpoint = await RtpEndpoint.open({ portPool: pool, scheduler, clock: systemClock, bindAddress: '127.0.0.1' });
    const sipp = new SippPcapPlayer(await freeUdpPort(), await freeUdpPort());
    const player = new Player({ sources: createPlaybackSources({ cacheDirectory: join(scratch.path, 'cache') }), ticker: scheduler });
    cleanup.push(scratch.dispose, () => scheduler.close(), () => endpoint.close(), () => sipp.close(), () => player.close());
    const path = join(scratch.path, 'both-ways.wav');
    const recorder = new Recorder({ path, format: 'wav', stereo: true, clock: systemClock });
    const tap = new ReceivedAudio();
    const sent: number[] = [];
    endpoint.addSink(recorder);
    endpoint.addSink(tap);
    endpoint.addSink({ writeFrame: (frame, direction) => direction === 'sent' && sent.push(...frame) });

    sipp.start([fixture('g711a.pcap')], 7500, 300);
    await sipp.call(endpoint);
    endpoint.setInputSource(player);
    const finished = new Promise((resolve) => player.once('finished', resolve));
    player.play({ kind: 'tts', text: 'This call is recorded for quality purposes.', voice: { language: 'en-US' } });
    await finished;
    expect(await sipp.finished()).toBe(0);
    endpoint.close();
    await recorder.stop();

    const left = remix(path, 1, join(scratch.path, 'left.wav'));
    const right = remix(path, 2, join(scratch.path, 'right.wav'));
    const received = Int16Array.from(tap.samples);
    const said = Int16Array.from(sent);
    expect(received.length).toBe(PCAP_SAMPLES);
    expect(said.length).toBeGreaterThan(8000);
    expect(framesInOrder(left, received)).toBe(PCAP_SAMPLES / 160);
    expect(framesInOrder(right, said)).toBe(said.length / 160);
  });
});

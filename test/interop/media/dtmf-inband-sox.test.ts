import { execFileSync } from 'node:child_process';
import { createSocket } from 'node:dgram';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemClock } from '../../../engine/clock.js';
import { DTMF_FREQUENCIES } from '../../../engine/media/dtmf/dtmf-frequencies.js';
import type { DtmfDigit, DtmfEvent } from '../../../engine/media/dtmf/dtmf-types.js';
import { FrameScheduler } from '../../../engine/media/pacing/frame-scheduler.js';
import { PortPool } from '../../../engine/media/rtp/port-pool.js';
import { RtpEndpoint } from '../../../engine/media/rtp/rtp-endpoint.js';
import { RtpPacket } from '../../../engine/media/rtp/rtp-packet.js';
import { SdpNegotiator } from '../../../engine/media/sdp/sdp-negotiator.js';

let dir: string;
let pool: PortPool;
let scheduler: FrameScheduler;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'callscript-inband-'));
  pool = new PortPool(43400, 43419);
  scheduler = new FrameScheduler(systemClock);
});
afterAll(() => {
  scheduler.close();
  rmSync(dir, { recursive: true, force: true });
});

/** Runs sox to produce headerless 8 kHz mu-law: the payload bytes exactly as sox's G.711 encoder writes them. */
function soxToUlaw(name: string, input: string[], effects: string[] = []): Uint8Array {
  const out = join(dir, `${name}.ul`);
  execFileSync('sox', [...input, '-r', '8000', '-c', '1', '-t', 'ul', out, ...effects]);
  return readFileSync(out);
}

function digitsAudio(digits: string): Uint8Array {
  const parts = [...digits].map((d, i) => {
    const [low, high] = DTMF_FREQUENCIES[d as DtmfDigit];
    const file = join(dir, `digit-${i}.wav`);
    execFileSync('sox', ['-n', '-r', '8000', '-c', '1', '-b', '16', file, 'synth', '0.08', 'sine', String(low), 'sine', String(high), 'remix', '-', 'gain', '-9', 'pad', '0', '0.07']);
    return file;
  });
  return soxToUlaw('digits', parts);
}

/** Sends mu-law audio to the endpoint as 20 ms RTP packets from a plain UDP socket, and waits for it to arrive. */
async function playInto(endpoint: RtpEndpoint, ulaw: Uint8Array): Promise<void> {
  const socket = createSocket('udp4');
  await new Promise<void>((resolve) => socket.bind(0, '127.0.0.1', resolve));
  const peer = new SdpNegotiator({ address: '127.0.0.1', port: socket.address().port, codecs: ['PCMU'], telephoneEvent: false });
  const answer = new SdpNegotiator({ address: '127.0.0.1', port: endpoint.localPort }).answerOffer(peer.createOffer());
  if (!answer.ok) throw new Error(answer.reason);
  endpoint.configure(answer.audio);
  let sent = 0;
  for (let i = 0; i + 160 <= ulaw.length; i += 160, sent++) {
    socket.send(new RtpPacket(0, sent, sent * 160, 0x5eed, ulaw.subarray(i, i + 160), sent === 0).serialize(), endpoint.localPort, '127.0.0.1');
    // Faster than real time, but never more than 10 packets ahead of the endpoint, so no socket buffer overflows.
    if (sent % 10 === 9) await arrived(endpoint, sent + 1);
  }
  await arrived(endpoint, sent);
  socket.close();
}

async function arrived(endpoint: RtpEndpoint, count: number): Promise<void> {
  for (let waited = 0; endpoint.stats.packetsReceived < count && waited < 5000; waited += 2) await sleep(2);
}

async function detectIn(ulaw: Uint8Array): Promise<{ digits: DtmfEvent[]; frames: number }> {
  const endpoint = await RtpEndpoint.open({ portPool: pool, scheduler, clock: systemClock, bindAddress: '127.0.0.1' });
  try {
    const digits: DtmfEvent[] = [];
    let frames = 0;
    endpoint.delegate = { onDtmf: (event) => digits.push(event) };
    endpoint.addSink({ writeFrame: () => frames++ });
    endpoint.setInbandDtmfDetection(true);
    await playInto(endpoint, ulaw);
    return { digits, frames };
  } finally {
    endpoint.close();
  }
}

describe('in-band DTMF over RTP, with audio made by sox and espeak-ng', () => {
  it('detects digits that sox synthesised (80 ms tones, 70 ms gaps, -9 dB), as type 2', async () => {
    const sent = '0123456789*#ABCD';
    const { digits, frames } = await detectIn(digitsAudio(sent));
    expect(digits.map((d) => d.digit).join('')).toBe(sent);
    expect(digits.every((d) => d.type === 2)).toBe(true);
    expect(frames).toBe(Math.floor((sent.length * 1200) / 160));
  });

  it('finds no digit in espeak-ng speech of several voices', async () => {
    const text = 'Thank you for calling. For sales press one. For support, stay on the line. Your call is important to us; nine, four, two.';
    const voices = ['en-us', 'en', 'de', 'ru', 'fr'].map((voice, i) => {
      const wav = join(dir, `speech-${i}.wav`);
      execFileSync('espeak-ng', ['-v', voice, '-w', wav, text]);
      return wav;
    });
    const speech = soxToUlaw('speech', voices);
    expect(speech.length / 8000).toBeGreaterThan(20);
    const { digits, frames } = await detectIn(speech);
    expect(digits).toEqual([]);
    expect(frames).toBe(Math.floor(speech.length / 160));
  });

  it('finds no digit in synthesised music (plucked chords and a sweep)', async () => {
    const chords = join(dir, 'chords.wav');
    execFileSync('sox', ['-n', '-r', '8000', '-c', '1', '-b', '16', chords, 'synth', '4', 'pluck', 'C4', 'pluck', 'E4', 'pluck', 'G4', 'pluck', 'B4', 'remix', '-', 'gain', '-6']);
    const sweep = join(dir, 'sweep.wav');
    execFileSync('sox', ['-n', '-r', '8000', '-c', '1', '-b', '16', sweep, 'synth', '4', 'sine', '300-3000', 'gain', '-6']);
    const { digits } = await detectIn(soxToUlaw('music', [chords, sweep]));
    expect(digits).toEqual([]);
  });
});

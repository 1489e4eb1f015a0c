import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { systemClock } from '../../../engine/clock.js';
import { FrameScheduler } from '../../../engine/media/pacing/frame-scheduler.js';
import { MediaPlaybackSources } from '../../../engine/media/player/playback-sources.js';
import { Player } from '../../../engine/media/player/player.js';
import { PortPool } from '../../../engine/media/rtp/port-pool.js';
import { RtpEndpoint } from '../../../engine/media/rtp/rtp-endpoint.js';
import { AudioCache } from '../../../engine/media/sources/audio-cache.js';
import { UrlAudioLoader } from '../../../engine/media/sources/url-audio-loader.js';
import { EspeakProvider } from '../../../engine/media/tts/espeak-provider.js';
import { SpeechSynthesizer } from '../../../engine/media/tts/speech-synthesizer.js';
import { activeFraction } from '../../unit/media/sources/signal-analysis.js';
import { scratchDirectory, soxDecode, soxiDuration } from '../../unit/media/sources/sox-fixtures.js';
import { BaresipPeer } from './speech-baresip-peer.js';
import { freeBaresipSipPort } from '../../support/baresip-port.js';

let cleanup: (() => void)[] = [];
afterEach(() => {
  for (const step of cleanup.reverse()) step();
  cleanup = [];
});

/** Start and end (seconds) of the audible part: the first and last 20 ms window louder than `threshold` RMS. */
function audibleSpan(samples: Int16Array, threshold = 200): { start: number; end: number } {
  const loud: number[] = [];
  for (let i = 0; i + 160 <= samples.length; i += 160) {
    let sum = 0;
    for (let j = i; j < i + 160; j++) sum += samples[j]! * samples[j]!;
    if (Math.sqrt(sum / 160) > threshold) loud.push(i);
  }
  return { start: (loud[0] ?? 0) / 8000, end: ((loud[loud.length - 1] ?? 0) + 160) / 8000 };
}

describe('a callscript endpoint says a sentence to baresip', () => {
  it('baresip decodes speech of the synthesized length', async () => {
    const scratch = scratchDirectory();
    const pool = new PortPool(44000, 44009);
    const scheduler = new FrameScheduler(systemClock);
    const endpoint = await RtpEndpoint.open({ portPool: pool, scheduler, clock: systemClock, bindAddress: '127.0.0.1' });
    const peer = new BaresipPeer(await freeBaresipSipPort(), [44100, 44119]);
    const cache = new AudioCache({ directory: join(scratch.path, 'cache') });
    const speech = new SpeechSynthesizer({ provider: new EspeakProvider(), cache });
    const player = new Player({ sources: new MediaPlaybackSources({ urls: new UrlAudioLoader({ cache }), speech }), ticker: scheduler });
    cleanup.push(scratch.dispose, () => scheduler.close(), () => endpoint.close(), () => peer.close(), () => player.close());

    const text = 'Thank you for calling. All our operators are busy. Please stay on the line.';
    const voice = { language: 'en-US', gender: 'female' } as const;
    const clip = (await speech.synthesize({ text, voice })).samples;
    const expected = audibleSpan(clip);

    peer.start();
    await peer.call(endpoint);
    endpoint.setInputSource(player);
    const finished = new Promise<{ error?: string }>((resolve) => player.once('finished', resolve));
    const started = new Promise<{ duration: number }>((resolve) => player.once('started', resolve));
    player.play({ kind: 'tts', text, voice });
    expect((await started).duration).toBeCloseTo(clip.length / 8000, 3);
    expect(await finished).toEqual({});
    await new Promise((resolve) => setTimeout(resolve, 300));
    await peer.hangup();

    const file = await peer.receivedAudioFile();
    const heard = soxDecode(file);
    const span = audibleSpan(heard);
    // What baresip heard is as long as what was said: a few frames of jitter buffering either way, and on a loaded
    // machine a scheduler stall shows as a gap in the RTP timestamps, which baresip plays out as silence.
    expect(span.end - span.start).toBeGreaterThan(expected.end - expected.start - 0.1);
    expect(span.end - span.start).toBeLessThan(expected.end - expected.start + 0.3);
    // ... and is speech: mostly voiced, with pauses between the phrases.
    const voiced = heard.subarray(Math.round(span.start * 8000), Math.round(span.end * 8000));
    expect(activeFraction(voiced)).toBeGreaterThan(0.5);
    expect(activeFraction(voiced)).toBeLessThan(0.98);
    expect(soxiDuration(file)).toBeGreaterThan(expected.end - expected.start);
    expect(endpoint.stats.packetsSent).toBeGreaterThan(clip.length / 160);
  });
});

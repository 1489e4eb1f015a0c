import { chmodSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { AudioCache } from '../../../../engine/media/sources/audio-cache.js';
import { EspeakProvider } from '../../../../engine/media/tts/espeak-provider.js';
import { SpeechSynthesizer } from '../../../../engine/media/tts/speech-synthesizer.js';
import { TtsError, type TtsProvider, type TtsRequest } from '../../../../engine/media/tts/tts-types.js';
import { activeFraction, fundamentalFrequency } from '../sources/signal-analysis.js';
import { scratchDirectory } from '../sources/sox-fixtures.js';

const scratch = scratchDirectory();
afterAll(() => scratch.dispose());

class CountingProvider implements TtsProvider {
  readonly name: string;
  calls = 0;
  constructor(private readonly inner: TtsProvider) {
    this.name = inner.name;
  }
  synthesize(request: TtsRequest): Promise<Int16Array> {
    this.calls++;
    return this.inner.synthesize(request);
  }
}

function synthesizer(name: string, provider: TtsProvider = new EspeakProvider()): SpeechSynthesizer {
  return new SpeechSynthesizer({ provider, cache: new AudioCache({ directory: join(scratch.path, name) }) });
}

const english = { language: 'en-US', gender: 'female' } as const;

async function failure(promise: Promise<unknown>): Promise<TtsError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(TtsError);
  return error as TtsError;
}

describe('SpeechSynthesizer with espeak-ng', () => {
  it('speaks a sentence for a plausible time, with speech in most of it', async () => {
    const { samples } = await synthesizer('plausible').synthesize({ text: 'Hello, thank you for calling. Please hold the line.', voice: english });
    // Nine words at espeak's 175 words per minute: about three seconds.
    const seconds = samples.length / 8000;
    expect(seconds).toBeGreaterThan(2);
    expect(seconds).toBeLessThan(5);
    expect(activeFraction(samples)).toBeGreaterThan(0.5);
  });

  it('takes longer to say more words, and slower speech takes longer', async () => {
    const tts = synthesizer('scaling');
    const short = await tts.synthesize({ text: 'One two three.', voice: english });
    const long = await tts.synthesize({ text: 'One two three four five six seven eight nine ten eleven twelve.', voice: english });
    const slow = await tts.synthesize({ text: 'One two three.', voice: english, prosody: { rate: 'x-slow' } });
    expect(long.samples.length).toBeGreaterThan(short.samples.length * 2.5);
    expect(slow.samples.length).toBeGreaterThan(short.samples.length * 1.4);
  });

  it('speaks other languages with espeak-ng voices', async () => {
    const { samples } = await synthesizer('russian').synthesize({ text: 'Здравствуйте, вы позвонили в компанию.', voice: { language: 'ru-RU' } });
    expect(samples.length / 8000).toBeGreaterThan(1.5);
    expect(activeFraction(samples)).toBeGreaterThan(0.4);
  });

  it('serves a repeated prompt from the disk cache, also to a new synthesizer on the same directory', async () => {
    const provider = new CountingProvider(new EspeakProvider());
    const request = { text: 'Your call is important to us.', voice: english };
    const first = await synthesizer('cache', provider).synthesize(request);
    const second = await synthesizer('cache', provider).synthesize(request);
    expect(provider.calls).toBe(1);
    expect(first.cached).toBe(false);
    expect(second.cached).toBe(true);
    expect(second.samples).toEqual(first.samples);
    await synthesizer('cache', provider).synthesize({ ...request, voice: { language: 'en-US', gender: 'male' } });
    expect(provider.calls).toBe(2);
  });

  it('uses a female variant for a female voice (higher pitch than the male one)', async () => {
    const tts = synthesizer('gender');
    const female = await tts.synthesize({ text: 'aaaaah', voice: { language: 'en-US', gender: 'female' } });
    const male = await tts.synthesize({ text: 'aaaaah', voice: { language: 'en-US', gender: 'male' } });
    const femalePitch = fundamentalFrequency(female.samples, 8000);
    const malePitch = fundamentalFrequency(male.samples, 8000);
    expect(femalePitch).toBeGreaterThan(malePitch * 1.3);
  });

  it('refuses empty text, text over 1,500 characters and unknown languages with typed errors', async () => {
    const tts = synthesizer('errors');
    expect((await failure(tts.synthesize({ text: '  ', voice: english }))).code).toBe('empty_text');
    expect((await failure(tts.synthesize({ text: 'a'.repeat(1501), voice: english }))).code).toBe('text_too_long');
    expect((await failure(tts.synthesize({ text: 'hello', voice: { language: 'xx-YY' } }))).code).toBe('unsupported_language');
  });

  it('reports a missing executable and a hung synthesizer as errors, never a crash', async () => {
    const missing = synthesizer('missing', new EspeakProvider({ executable: join(scratch.path, 'no-such-espeak') }));
    expect((await failure(missing.synthesize({ text: 'hello', voice: english }))).code).toBe('synthesis_failed');
    const hung = join(scratch.path, 'hung-espeak.sh');
    writeFileSync(hung, '#!/bin/sh\nexec sleep 30\n');
    chmodSync(hung, 0o755);
    const slow = synthesizer('hung', new EspeakProvider({ executable: hung, timeoutMs: 300 }));
    expect((await failure(slow.synthesize({ text: 'hello', voice: english }))).code).toBe('synthesis_timeout');
  });
});

describe('SpeechSynthesizer under concurrency', () => {
  it('synthesizes a prompt once when several calls ask for it at the same time', async () => {
    const provider = new CountingProvider(new EspeakProvider());
    const tts = synthesizer('concurrent', provider);
    const request = { text: 'Welcome to the conference.', voice: english };
    const results = await Promise.all([tts.synthesize(request), tts.synthesize(request), tts.synthesize(request)]);
    expect(provider.calls).toBe(1);
    expect(results[1]!.samples).toEqual(results[0]!.samples);
    expect(results[2]!.samples).toEqual(results[0]!.samples);
  });
});

describe('EspeakProvider concurrency', () => {
  it('runs at most maxConcurrent espeak-ng processes at once; the others wait their turn', async () => {
    // A wrapper that records how many copies run at the same time, then hands over to the real espeak-ng.
    const wrapper = join(scratch.path, 'counting-espeak.sh');
    const runs = join(scratch.path, 'runs');
    writeFileSync(
      wrapper,
      `#!/bin/sh\nmkdir -p ${runs}\ntouch ${runs}/$$\nls ${runs} | wc -l >> ${runs}.log\nsleep 0.2\nrm ${runs}/$$\nexec espeak-ng "$@"\n`,
    );
    chmodSync(wrapper, 0o755);
    const provider = new EspeakProvider({ executable: wrapper, maxConcurrent: 1 });
    const tts = synthesizer('limited', provider);
    const texts = ['One.', 'Two.', 'Three.'];
    const results = await Promise.all(texts.map((text) => tts.synthesize({ text, voice: english })));
    expect(results.every((r) => r.samples.length > 1000)).toBe(true);
    const counts = readFileSync(`${runs}.log`, 'utf8').trim().split('\n').map(Number);
    // The voice list, then the three prompts: four runs, never two at once.
    expect(counts).toEqual([1, 1, 1, 1]);
  });
});

import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { decodeAudioFile } from '../../../../engine/media/sources/audio-file-decoder.js';
import { AudioSourceError } from '../../../../engine/media/sources/audio-source-error.js';
import { decodeWav } from '../../../../engine/media/sources/wav-decoder.js';
import { componentAmplitude, zeroCrossingFrequency } from './signal-analysis.js';
import { scratchDirectory, soxSine } from './sox-fixtures.js';

const scratch = scratchDirectory();
afterAll(() => scratch.dispose());

const wavVariants: [string, string[]][] = [
  ['16-bit PCM at 8 kHz mono', ['-r', '8000', '-b', '16', '-c', '1']],
  ['16-bit PCM at 44.1 kHz stereo', ['-r', '44100', '-b', '16', '-c', '2']],
  ['8-bit unsigned PCM at 11.025 kHz', ['-r', '11025', '-b', '8', '-e', 'unsigned-integer', '-c', '1']],
  ['24-bit PCM at 48 kHz', ['-r', '48000', '-b', '24', '-c', '1']],
  ['32-bit PCM at 16 kHz', ['-r', '16000', '-b', '32', '-e', 'signed-integer', '-c', '1']],
  ['32-bit float at 22.05 kHz', ['-r', '22050', '-b', '32', '-e', 'floating-point', '-c', '1']],
  ['mu-law at 8 kHz', ['-r', '8000', '-e', 'mu-law', '-c', '1']],
  ['A-law at 8 kHz', ['-r', '8000', '-e', 'a-law', '-c', '1']],
];

describe('decodeAudioFile', () => {
  it.each(wavVariants)('decodes a WAV file in %s to one second of 8 kHz 440 Hz', async (_name, args) => {
    const bytes = soxSine(join(scratch.path, `${args.join('')}.wav`), args, 1, 440);
    const samples = await decodeAudioFile(bytes);
    expect(samples.length).toBe(8000);
    const middle = samples.subarray(800, 7200);
    expect(zeroCrossingFrequency(middle, 8000)).toBeCloseTo(440, 0);
    // sox's "vol 0.5" sine: amplitude about 16384 in 16-bit units.
    expect(componentAmplitude(middle, 8000, 440)).toBeGreaterThan(14_000);
    expect(componentAmplitude(middle, 8000, 440)).toBeLessThan(18_000);
  });

  it('decodes an MP3 file to 8 kHz with its duration and frequency', async () => {
    const bytes = soxSine(join(scratch.path, 'tone.mp3'), ['-r', '22050', '-c', '1'], 2, 440);
    const samples = await decodeAudioFile(bytes);
    // MP3 pads the start and end with up to a frame or two of encoder delay.
    expect(samples.length / 8000).toBeGreaterThan(1.95);
    expect(samples.length / 8000).toBeLessThan(2.15);
    expect(zeroCrossingFrequency(samples.subarray(2000, 14000), 8000)).toBeCloseTo(440, 0);
  });

  it('decodes a long file in slices, letting the event loop run in between', async () => {
    // A minute of 44.1 kHz stereo: decoded and resampled at once, this would hold the loop for about a second.
    const bytes = soxSine(join(scratch.path, 'long.mp3'), ['-r', '44100', '-c', '2'], 60, 440);
    let last = performance.now();
    let longestGap = 0;
    const timer = setInterval(() => {
      const now = performance.now();
      longestGap = Math.max(longestGap, now - last);
      last = now;
    }, 5);
    const started = performance.now();
    const samples = await decodeAudioFile(bytes);
    const elapsed = performance.now() - started;
    clearInterval(timer);
    expect(samples.length / 8000).toBeGreaterThan(59.9);
    expect(longestGap).toBeLessThan(Math.max(250, elapsed / 4));
  });

  it('reads a streamed WAV whose sizes were left as 0xFFFFFFFF to the end of the file', () => {
    const bytes = soxSine(join(scratch.path, 'streamed.wav'), ['-r', '8000', '-b', '16', '-c', '1'], 0.5, 440);
    const view = new DataView(bytes.buffer, bytes.byteOffset);
    view.setUint32(4, 0xffffffff, true);
    view.setUint32(40, 0xffffffff, true);
    expect(decodeWav(bytes).channels[0]!.length).toBe(4000);
  });

  it('rejects bytes that are neither WAV nor MP3 with unsupported_format', async () => {
    const error = await decodeAudioFile(new TextEncoder().encode('<html>not audio</html>')).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AudioSourceError);
    expect((error as AudioSourceError).code).toBe('unsupported_format');
  });

  it('rejects a WAV without a data chunk, and an unsupported WAV encoding, with typed errors', async () => {
    const bytes = soxSine(join(scratch.path, 'short.wav'), ['-r', '8000', '-b', '16', '-c', '1'], 0.1, 440);
    expect(() => decodeWav(bytes.subarray(0, 36))).toThrow(expect.objectContaining({ code: 'malformed_audio' }));
    const adpcm = bytes.slice();
    new DataView(adpcm.buffer).setUint16(20, 0x0002, true);
    expect(() => decodeWav(adpcm)).toThrow(expect.objectContaining({ code: 'unsupported_format' }));
  });

  it('rejects a truncated MP3 with malformed_audio', async () => {
    const bytes = soxSine(join(scratch.path, 'broken.mp3'), ['-r', '8000', '-c', '1'], 1, 440);
    const error = await decodeAudioFile(bytes.subarray(0, 40)).catch((e: unknown) => e);
    expect((error as AudioSourceError).code).toBe('malformed_audio');
  });
});

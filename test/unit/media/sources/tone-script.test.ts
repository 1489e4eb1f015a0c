import { describe, expect, it } from 'vitest';
import { AudioSourceError } from '../../../../engine/media/sources/audio-source-error.js';
import { progressToneScript, PROGRESS_TONE_COUNTRIES } from '../../../../engine/media/sources/progress-tones.js';
import { parseToneScript, toneProgramDuration } from '../../../../engine/media/sources/tone-script.js';
import { ToneStream } from '../../../../engine/media/sources/tone-stream.js';
import { componentAmplitude, rms } from './signal-analysis.js';

function render(script: string, seconds: number): Int16Array {
  const out = new Int16Array(Math.round(seconds * 8000));
  const written = new ToneStream(parseToneScript(script)).read(out);
  return out.subarray(0, written);
}

/** RMS of each 50 ms window: a cadence's on and off periods read as high and zero. */
function envelope(samples: Int16Array): boolean[] {
  const windows: boolean[] = [];
  for (let i = 0; i + 400 <= samples.length; i += 400) windows.push(rms(samples.subarray(i, i + 400)) > 100);
  return windows;
}

describe('parseToneScript', () => {
  it('parses the North American dial tone', () => {
    const program = parseToneScript('350@-19,440@-19;10(*/0/1+2)');
    expect(program.components).toEqual([
      { frequencyHz: 350, levelDbm0: -19 },
      { frequencyHz: 440, levelDbm0: -19 },
    ]);
    expect(program.sections).toEqual([{ durationSeconds: 10, segments: [{ onSeconds: Infinity, offSeconds: 0, components: [0, 1] }] }]);
    expect(toneProgramDuration(program)).toBe(10);
  });

  it('parses several sections and segments with fractional durations and a silent segment', () => {
    const program = parseToneScript('480@-10,620@0;2(.25/.25/1+2);*(.1/.1/1,0/.5/0)');
    expect(program.sections).toHaveLength(2);
    expect(program.sections[1]!.segments).toEqual([
      { onSeconds: 0.1, offSeconds: 0.1, components: [0] },
      { onSeconds: 0, offSeconds: 0.5, components: [] },
    ]);
    expect(toneProgramDuration(program)).toBe(Infinity);
  });

  it.each([
    ['', 'expected'],
    ['440@-19', 'expected'],
    ['440;1(1/1/1)', 'bad frequency component'],
    ['5000@-19;1(1/1/1)', 'outside'],
    ['440@-19;1(1/1/3)', 'names component 3'],
    ['440@-19;x(1/1/1)', 'bad duration'],
    ['440@-19;1(1/1/1', 'bad cadence section'],
    ['440@-19;1(0/0/1)', 'no duration'],
  ])('rejects %j with a message containing %j', (script, message) => {
    expect(() => parseToneScript(script)).toThrow(AudioSourceError);
    expect(() => parseToneScript(script)).toThrow(message);
  });
});

describe('ToneStream', () => {
  it('renders both components at the scripted level for the section duration, then ends', () => {
    const samples = render('350@-19,440@-19;1(*/0/1+2)', 2);
    expect(samples.length).toBe(8000);
    // -19 dBm0 is 10^(-19/20) of the 0 dBm0 peak (full scale minus 3.17 dB): about 2540.
    expect(componentAmplitude(samples, 8000, 350)).toBeGreaterThan(2400);
    expect(componentAmplitude(samples, 8000, 350)).toBeLessThan(2700);
    expect(componentAmplitude(samples, 8000, 440)).toBeGreaterThan(2400);
    expect(componentAmplitude(samples, 8000, 600)).toBeLessThan(50);
  });

  it('follows the on/off cadence', () => {
    // 0.2 s on, 0.3 s off for 1 s: windows of 50 ms read 4 on, 6 off, twice.
    const windows = envelope(render('425@-16;1(.2/.3/1)', 1));
    const pattern = [true, true, true, true, false, false, false, false, false, false];
    expect(windows).toEqual([...pattern, ...pattern]);
  });

  it('starts over on rewind', () => {
    const stream = new ToneStream(parseToneScript('425@-16;.1(*/0/1)'));
    const first = new Int16Array(800);
    expect(stream.read(first)).toBe(800);
    expect(stream.read(new Int16Array(160))).toBe(0);
    stream.rewind();
    const again = new Int16Array(800);
    expect(stream.read(again)).toBe(800);
    expect(again).toEqual(first);
  });
});

describe('progressToneScript', () => {
  it.each([
    ['US', 'ringback', 440, [2, 4]],
    ['US', 'busy', 480, [0.5, 0.5]],
    ['GB', 'busy', 400, [0.375, 0.375]],
    ['DE', 'ringback', 425, [1, 4]],
    ['DE', 'busy', 425, [0.48, 0.48]],
    ['EU', 'ringback', 425, [1, 4]],
    ['RU', 'ringback', 425, [0.8, 3.2]],
    ['RU', 'busy', 425, [0.4, 0.4]],
  ] as const)('gives %s %s at %d Hz with the E.180 cadence %j', (country, kind, frequency, [on, off]) => {
    const program = parseToneScript(progressToneScript(country, kind));
    expect(program.components[0]!.frequencyHz).toBe(frequency);
    expect(program.sections[0]!.segments[0]).toMatchObject({ onSeconds: on, offSeconds: off });
    expect(toneProgramDuration(program)).toBe(Infinity);
  });

  it('gives the British double ring (0.4 on, 0.2 off, 0.4 on, 2 off) at 400 + 450 Hz', () => {
    const program = parseToneScript(progressToneScript('uk'));
    expect(program.components.map((c) => c.frequencyHz)).toEqual([400, 450]);
    expect(program.sections[0]!.segments.map((s) => [s.onSeconds, s.offSeconds])).toEqual([
      [0.4, 0.2],
      [0.4, 2],
    ]);
  });

  it('parses every table entry and rejects an unknown country with unknown_country', () => {
    for (const country of PROGRESS_TONE_COUNTRIES) {
      for (const kind of ['ringback', 'busy', 'dial'] as const) expect(() => parseToneScript(progressToneScript(country, kind))).not.toThrow();
    }
    expect(() => progressToneScript('XX')).toThrow(expect.objectContaining({ code: 'unknown_country' }));
  });
});

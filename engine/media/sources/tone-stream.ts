import { SAMPLE_RATE } from '../media-types.js';
import type { PcmStream } from './pcm-stream.js';
import { toneProgramDuration, type ToneProgram } from './tone-script.js';

/**
 * Peak amplitude of a 0 dBm0 sine in 16-bit linear PCM. G.711 (section 4, tables 1 and 2) puts the coder's overload
 * point at +3.17 dBm0, i.e. a full-scale sine is +3.17 dBm0.
 */
const ZERO_DBM0_PEAK = 32767 * 10 ** (-3.17 / 20);

interface SegmentPlan {
  readonly onSamples: number;
  readonly cycleSamples: number;
  readonly components: readonly number[];
}

interface SectionPlan {
  readonly totalSamples: number;
  readonly segments: readonly SegmentPlan[];
}

/** Renders a parsed ToneScript sample by sample, with phase kept continuous across a tone's on periods. */
export class ToneStream implements PcmStream {
  readonly durationSeconds: number;
  private readonly sections: readonly SectionPlan[];
  private readonly amplitudes: readonly number[];
  private readonly phaseSteps: readonly number[];
  private readonly phases: number[];
  private section = 0;
  private segment = 0;
  private sampleInSection = 0;
  private sampleInSegment = 0;

  constructor(program: ToneProgram) {
    this.durationSeconds = toneProgramDuration(program);
    this.amplitudes = program.components.map((c) => ZERO_DBM0_PEAK * 10 ** (c.levelDbm0 / 20));
    this.phaseSteps = program.components.map((c) => (2 * Math.PI * c.frequencyHz) / SAMPLE_RATE);
    this.phases = program.components.map(() => 0);
    this.sections = program.sections.map((section) => ({
      totalSamples: toSamples(section.durationSeconds),
      segments: section.segments.map((s) => {
        const onSamples = toSamples(s.onSeconds);
        return { onSamples, cycleSamples: onSamples + toSamples(s.offSeconds), components: s.components };
      }),
    }));
  }

  read(out: Int16Array): number {
    let written = 0;
    while (written < out.length && this.section < this.sections.length) {
      const section = this.sections[this.section]!;
      if (this.sampleInSection >= section.totalSamples) {
        this.nextSection();
        continue;
      }
      const plan = section.segments[this.segment]!;
      if (this.sampleInSegment >= plan.cycleSamples) {
        this.segment = (this.segment + 1) % section.segments.length;
        this.sampleInSegment = 0;
        continue;
      }
      out[written++] = this.sampleInSegment < plan.onSamples ? this.toneSample(plan.components) : 0;
      this.sampleInSegment++;
      this.sampleInSection++;
    }
    return written;
  }

  rewind(): void {
    this.section = 0;
    this.segment = 0;
    this.sampleInSection = 0;
    this.sampleInSegment = 0;
    this.phases.fill(0);
  }

  private nextSection(): void {
    this.section++;
    this.segment = 0;
    this.sampleInSection = 0;
    this.sampleInSegment = 0;
  }

  private toneSample(components: readonly number[]): number {
    let value = 0;
    for (const index of components) {
      value += this.amplitudes[index]! * Math.sin(this.phases[index]!);
      this.phases[index] = (this.phases[index]! + this.phaseSteps[index]!) % (2 * Math.PI);
    }
    return value > 32767 ? 32767 : value < -32768 ? -32768 : Math.round(value);
  }
}

function toSamples(seconds: number): number {
  return seconds === Infinity ? Infinity : Math.round(seconds * SAMPLE_RATE);
}

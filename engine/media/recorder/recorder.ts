import { pathToFileURL } from 'node:url';
import type { TimerHandle } from '../../clock.js';
import { SAMPLE_RATE, type AudioDirection, type AudioFrame, type AudioSink } from '../media-types.js';
import { MediaEventEmitter } from '../player/event-emitter.js';
import type { AudioFileWriter } from './audio-file-writer.js';
import { Mp3FileWriter } from './mp3-file-writer.js';
import { RecorderError, type RecorderEvents, type RecorderOptions, type RecorderState } from './recorder-types.js';
import { RecordingTimeline } from './recording-timeline.js';
import { WavFileWriter } from './wav-file-writer.js';

/**
 * How far behind real time the recorder mixes when one direction has fallen silent: audio that arrives later than
 * this (deep network jitter) is placed after what was already mixed instead of being dropped.
 */
const HOLDBACK_SAMPLES = 1600;

export interface RecordingResult {
  readonly url: string;
  /** Seconds of audio in the file. */
  readonly duration: number;
}

const LEGAL: Readonly<Record<RecorderState, readonly RecorderState[]>> = {
  recording: ['stopping', 'failed'],
  stopping: ['stopped', 'failed'],
  stopped: [],
  failed: [],
};

/**
 * Records what a call receives and sends (an AudioSink tapping its endpoint) to MP3 or WAV, mono-mixed or with the
 * directions in separate channels. Audio is buffered as it comes, then encoded and written out every
 * `flushIntervalMs`, so a call that ends abruptly, or a process that dies, leaves a playable file holding everything
 * up to the last flush; `stop()` writes the rest and finalizes the file. Starts at construction; `started` follows
 * once the file is open.
 */
export class Recorder extends MediaEventEmitter<RecorderEvents> implements AudioSink {
  readonly url: string;
  private currentState: RecorderState = 'recording';
  private readonly stereo: boolean;
  private readonly flushIntervalMs: number;
  private readonly startedAt: number;
  private readonly timeline = new RecordingTimeline();
  private readonly writer: AudioFileWriter;
  private timer: TimerHandle | null = null;
  private muted = false;
  private samplesWritten = 0;
  private stopping: Promise<RecordingResult> | undefined;
  /** Settles once `started` (or the failure to open the file) has been reported. */
  private readonly opened: Promise<void>;

  constructor(private readonly options: RecorderOptions) {
    super(options.onListenerError);
    this.url = options.url ?? pathToFileURL(options.path).href;
    this.stereo = options.stereo ?? false;
    this.flushIntervalMs = options.flushIntervalMs ?? 250;
    const channels = this.stereo ? 2 : 1;
    this.writer = options.format === 'wav' ? new WavFileWriter(options.path, channels) : new Mp3FileWriter(options.path, channels);
    this.startedAt = options.clock.now();
    this.armFlush();
    this.opened = this.writer.settled().then(
      () => {
        if (this.currentState !== 'failed') this.emit('started', { url: this.url });
      },
      (error: unknown) => this.fail(error),
    );
  }

  get state(): RecorderState {
    return this.currentState;
  }

  /** Seconds recorded so far (mixed and encoded). */
  get duration(): number {
    return this.samplesWritten / SAMPLE_RATE;
  }

  /** AudioSink: a copy of a frame the call received (`received`) or sent (`sent`). Ignored once stopping. */
  writeFrame(frame: AudioFrame, direction: AudioDirection): void {
    if (this.currentState !== 'recording') return;
    const arrivedAt = this.elapsedSamples();
    // Only buffered here: this runs on an endpoint's per-frame path, and encoding waits for the flush timer.
    this.timeline.write(direction, this.muted ? new Int16Array(frame.length) : frame, arrivedAt);
  }

  /** Resolves once everything flushed so far is in the file (which is then playable up to that point). */
  async settled(): Promise<void> {
    await this.writer.settled();
  }

  /** While muted the recording goes on in silence (VoxEngine's Recorder.mute). */
  mute(muted: boolean): void {
    this.muted = muted;
  }

  /** Writes the rest, finalizes the file, then reports `stopped`. Idempotent: later calls get the same result. */
  stop(): Promise<RecordingResult> {
    this.stopping ??= this.finalize();
    return this.stopping;
  }

  /** Stops (the file is still finalized) and drops every listener: no event follows. Idempotent. */
  close(): void {
    this.removeAllListeners();
    this.stop().catch(() => undefined);
  }

  private async finalize(): Promise<RecordingResult> {
    if (this.currentState === 'recording') {
      this.transition('stopping');
      this.disarmFlush();
      this.mixUpTo(Math.max(this.timeline.furthest, this.elapsedSamples()));
    }
    try {
      await this.writer.finish();
    } catch (error) {
      this.fail(error);
    }
    await this.opened;
    if (this.currentState === 'failed') throw new RecorderError('write_failed', `recording ${this.url} failed`);
    this.transition('stopped');
    const result = { url: this.url, duration: Math.round((this.samplesWritten / SAMPLE_RATE) * 1000) / 1000 };
    this.emit('stopped', result);
    return result;
  }

  private flush(): void {
    this.timer = null;
    if (this.currentState !== 'recording') return;
    // A direction that has gone quiet must not hold the other back: mix up to a little behind real time.
    this.mixUpTo(Math.max(this.timeline.complete, this.elapsedSamples() - HOLDBACK_SAMPLES));
    this.writer.flush();
    this.writer.settled().catch((error: unknown) => this.fail(error));
    this.armFlush();
  }

  private mixUpTo(position: number): void {
    if (position <= this.timeline.position) return;
    const { received, sent } = this.timeline.take(position);
    if (this.stereo) {
      // VoxEngine's stereo layout: left, what the far end sends; right, what is sent to it.
      this.writer.write(received, sent);
    } else {
      const mixed = new Int16Array(received.length);
      for (let i = 0; i < mixed.length; i++) {
        const sum = received[i]! + sent[i]!;
        mixed[i] = sum > 32767 ? 32767 : sum < -32768 ? -32768 : sum;
      }
      this.writer.write(mixed);
    }
    this.samplesWritten += received.length;
  }

  private fail(error: unknown): void {
    if (this.currentState === 'failed' || this.currentState === 'stopped') return;
    const wasRecording = this.currentState === 'recording';
    this.transition('failed');
    this.disarmFlush();
    this.emit('error', { error: error instanceof Error ? error.message : String(error) });
    // Release the file handle (a stopping recorder is already finishing); the failure is reported.
    if (wasRecording) this.writer.finish().catch(() => undefined);
  }

  private elapsedSamples(): number {
    return Math.round(((this.options.clock.now() - this.startedAt) * SAMPLE_RATE) / 1000);
  }

  private armFlush(): void {
    this.timer = this.options.clock.setTimer(() => this.flush(), this.flushIntervalMs);
  }

  private disarmFlush(): void {
    if (this.timer !== null) this.options.clock.clearTimer(this.timer);
    this.timer = null;
  }

  private transition(to: RecorderState): void {
    const from = this.currentState;
    if (!LEGAL[from].includes(to)) throw new RecorderError('illegal_transition', `recorder cannot go from ${from} to ${to}`);
    this.currentState = to;
  }
}

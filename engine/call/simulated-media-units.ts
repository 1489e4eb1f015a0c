/**
 * Players and recorders with no audio behind them, for the test kit and the simulated demo: a player "plays" for a
 * virtual duration on the injected clock; a recorder remembers which ports fed it. Reports are microtasks, as the
 * {@link MediaUnitFactory} contract requires.
 */
import type { Clock, TimerHandle } from '../clock.js';
import type { MediaPort } from './media-port.js';
import type { RecordingOptions } from './call-leg.js';
import type {
  MediaUnitFactory,
  PlayerRequest,
  PlayerUnit,
  PlayerUnitDelegate,
  RecorderUnit,
  RecorderUnitDelegate,
} from './media-unit.js';

export class SimulatedPlayer implements PlayerUnit {
  paused: boolean;
  stopped = false;
  readonly markers: number[] = [];
  private timer: TimerHandle | undefined;
  private remainingMs: number | undefined;
  /** Saves the time left when a running playback is paused or stopped. */
  private onDisarm: (() => void) | undefined;
  private closed = false;

  constructor(
    readonly portId: string,
    readonly request: PlayerRequest,
    private readonly delegate: PlayerUnitDelegate,
    private readonly clock: Clock,
    durationMs: number | undefined,
  ) {
    this.paused = request.paused;
    this.remainingMs = durationMs;
    this.report(() => {
      delegate.ready();
      if (!this.paused) delegate.started(durationMs === undefined ? 0 : durationMs / 1000);
    });
    if (!this.paused) this.arm();
  }

  connectFrom(): void {
    throw new TypeError('a player only sends media');
  }

  disconnectFrom(): void {}

  pause(): void {
    if (this.paused || this.stopped) return;
    this.paused = true;
    this.disarm();
  }

  resume(): void {
    if (!this.paused || this.stopped) return;
    this.paused = false;
    this.arm();
  }

  stop(): void {
    this.stopped = true;
    this.disarm();
  }

  addMarker(offsetMs: number): void {
    this.markers.push(offsetMs);
  }

  /** Ends the playback now (the test's "the prompt ran out"). */
  finish(error?: string): void {
    if (this.stopped) return;
    this.stopped = true;
    this.disarm();
    this.report(() => this.delegate.finished(error));
  }

  close(): void {
    this.closed = true;
    this.disarm();
  }

  private arm(): void {
    if (this.remainingMs === undefined) return;
    const startedAt = this.clock.now();
    const remaining = this.remainingMs;
    this.timer = this.clock.setTimer(() => {
      this.timer = undefined;
      this.finish();
    }, remaining);
    this.onDisarm = () => {
      this.remainingMs = Math.max(0, remaining - (this.clock.now() - startedAt));
    };
  }

  private disarm(): void {
    if (!this.timer) return;
    this.clock.clearTimer(this.timer);
    this.timer = undefined;
    this.onDisarm?.();
  }

  private report(fn: () => void): void {
    queueMicrotask(() => {
      if (!this.closed) fn();
    });
  }
}

export class SimulatedRecorder implements RecorderUnit {
  readonly sources = new Set<string>();
  muted = false;
  private stopped = false;
  private closed = false;
  private readonly startedAt: number;

  constructor(
    readonly portId: string,
    readonly url: string,
    readonly options: RecordingOptions,
    private readonly delegate: RecorderUnitDelegate,
    private readonly clock: Clock,
  ) {
    this.startedAt = clock.now();
    this.report(() => delegate.started(url));
  }

  connectFrom(source: MediaPort): void {
    this.sources.add(source.portId);
  }

  disconnectFrom(source: MediaPort): void {
    this.sources.delete(source.portId);
  }

  mute(muted: boolean): void {
    this.muted = muted;
  }

  stop(): void {
    if (this.stopped) return;
    this.stopped = true;
    const seconds = Math.round((this.clock.now() - this.startedAt) / 1000);
    this.report(() => this.delegate.stopped(this.url, seconds));
  }

  close(): void {
    this.closed = true;
  }

  private report(fn: () => void): void {
    queueMicrotask(() => {
      if (!this.closed) fn();
    });
  }
}

export class SimulatedMediaUnits implements MediaUnitFactory {
  readonly players = new Map<string, SimulatedPlayer>();
  readonly recorders = new Map<string, SimulatedRecorder>();

  constructor(
    private readonly clock: Clock,
    private readonly ttsMsPerChar = 60,
    private readonly urlPlaybackMs = 3000,
  ) {}

  createPlayer(portId: string, request: PlayerRequest, delegate: PlayerUnitDelegate): SimulatedPlayer {
    const source = request.source;
    const duration =
      source.kind === 'tts'
        ? Math.max(500, source.text.length * this.ttsMsPerChar)
        : source.loop
          ? undefined
          : this.urlPlaybackMs;
    const player = new SimulatedPlayer(portId, request, delegate, this.clock, duration);
    this.players.set(portId, player);
    return player;
  }

  createRecorder(portId: string, options: RecordingOptions, delegate: RecorderUnitDelegate): SimulatedRecorder {
    const url = `simulated://recordings/${portId.replace(/\W/g, '-')}.${options.format}`;
    const recorder = new SimulatedRecorder(portId, url, options, delegate, this.clock);
    this.recorders.set(portId, recorder);
    return recorder;
  }
}

import { FRAME_SAMPLES, SAMPLE_RATE, type AudioFrame, type AudioSource } from '../media-types.js';
import type { PacedStream } from '../pacing/frame-scheduler.js';
import type { PcmStream } from '../sources/pcm-stream.js';
import { MediaEventEmitter } from './event-emitter.js';
import { describePlaybackError, type PlaybackSources } from './playback-sources.js';
import { PlayerError, type FrameTicker, type PlaybackRequest, type PlayerEvents, type PlayerState } from './player-types.js';

export interface PlayerOptions {
  readonly sources: PlaybackSources;
  readonly ticker: FrameTicker;
  readonly onListenerError?: (error: unknown, event: string) => void;
}

const LEGAL: Readonly<Record<PlayerState, readonly PlayerState[]>> = {
  idle: ['preparing', 'closed'],
  preparing: ['playing', 'idle', 'closed'],
  playing: ['draining', 'idle', 'closed'],
  draining: ['idle', 'closed'],
  closed: [],
};

/**
 * Plays one source at a time with VoxEngine's semantics: `ready` once prepared, `started` (with the duration) when the
 * first frame goes out, `finished` at the end or on failure; `stop()` and a replacing `play()` end the current
 * playback silently.
 *
 * The player advances on the engine's 20 ms ticker, not when it is read: it plays in real time whether one call, many
 * calls (`sendMediaTo` to several units) or none are listening, and every reader in a tick gets the same frame.
 */
export class Player extends MediaEventEmitter<PlayerEvents> implements AudioSource {
  private currentState: PlayerState = 'idle';
  /** Bumped by every play/stop, so a late preparation or a queued event of a replaced playback is dropped. */
  private generation = 0;
  private stream: PcmStream | null = null;
  private loop = false;
  private paused = false;
  private startedReported = false;
  private passSamples = 0;
  private markers: number[] = [];
  private firedMarkers = new Set<number>();
  private readonly frame = new Int16Array(FRAME_SAMPLES);
  private frameReady = false;
  private readonly paced: PacedStream = { onTick: () => this.tick() };

  constructor(private readonly options: PlayerOptions) {
    super(options.onListenerError);
  }

  get state(): PlayerState {
    return this.currentState;
  }

  get isPaused(): boolean {
    return this.paused;
  }

  /** Starts preparing and then playing `request`, replacing whatever played before (without `finished` for it). */
  play(request: PlaybackRequest): void {
    this.assertOpen('play');
    this.halt();
    const generation = this.generation;
    this.loop = 'loop' in request && request.loop === true;
    this.transition('preparing');
    this.prepare(request).then(
      (stream) => {
        if (generation !== this.generation || this.currentState !== 'preparing') return;
        this.stream = stream;
        this.passSamples = 0;
        this.firedMarkers.clear();
        this.startedReported = false;
        this.transition('playing');
        // On the ticker before `ready`, so that a listener's stop() takes it off again.
        this.options.ticker.add(this.paced);
        this.emit('ready', {});
      },
      (error: unknown) => {
        if (generation !== this.generation || this.currentState !== 'preparing') return;
        this.transition('idle');
        this.emit('finished', { error: describePlaybackError(error) });
      },
    );
  }

  /** Ends the current playback without `finished` (VoxEngine's stopPlayback). */
  stop(): void {
    if (this.currentState === 'closed') return;
    this.halt();
  }

  /** While paused the player sends nothing and its position holds. */
  pause(): void {
    this.assertOpen('pause');
    this.paused = true;
  }

  resume(): void {
    this.assertOpen('resume');
    this.paused = false;
  }

  /** A marker `offsetMs` from the start, or from the end when negative; reported once per pass. */
  addMarker(offsetMs: number): void {
    this.assertOpen('addMarker');
    if (!Number.isFinite(offsetMs)) throw new RangeError(`marker offset must be a finite number of ms (got ${offsetMs})`);
    this.markers.push(offsetMs);
  }

  /** The frame of the current 20 ms period, or null when nothing plays (AudioSource). */
  readFrame(): AudioFrame | null {
    return this.frameReady ? this.frame : null;
  }

  /** Stops, leaves the ticker and drops every listener. Idempotent; a closed player throws on use. */
  close(): void {
    if (this.currentState === 'closed') return;
    this.halt();
    this.transition('closed');
    this.removeAllListeners();
  }

  /** A PlaybackSources implementation that throws at once still fails through the promise, as `finished`. */
  private prepare(request: PlaybackRequest): Promise<PcmStream> {
    try {
      return this.options.sources.prepare(request);
    } catch (error) {
      return Promise.reject(error);
    }
  }

  private tick(): void {
    if (this.currentState === 'draining') {
      this.finish();
      return;
    }
    const stream = this.stream;
    if (this.currentState !== 'playing' || stream === null || this.paused) {
      this.frameReady = false;
      return;
    }
    if (!this.startedReported) {
      this.startedReported = true;
      const duration = Number.isFinite(stream.durationSeconds) ? stream.durationSeconds : -1;
      this.emitLater('started', { duration });
    }
    const filled = this.fill(stream);
    if (filled === 0) {
      this.finish();
      return;
    }
    if (filled < FRAME_SAMPLES) {
      this.frame.fill(0, filled);
      // The partial last frame still goes out this period; `finished` follows on the next tick.
      this.transition('draining');
    }
    this.frameReady = true;
  }

  private finish(): void {
    this.frameReady = false;
    this.stream = null;
    this.leaveTicker();
    this.transition('idle');
    this.emitLater('finished', {});
  }

  private fill(stream: PcmStream): number {
    let filled = stream.read(this.frame);
    this.advancePosition(stream, filled);
    while (filled < FRAME_SAMPLES && this.loop) {
      stream.rewind();
      this.passSamples = 0;
      this.firedMarkers.clear();
      const more = stream.read(this.frame.subarray(filled));
      // An empty source cannot be looped: it would spin here forever.
      if (more === 0) break;
      this.advancePosition(stream, more);
      filled += more;
    }
    return filled;
  }

  private advancePosition(stream: PcmStream, samples: number): void {
    const fromMs = (this.passSamples / SAMPLE_RATE) * 1000;
    this.passSamples += samples;
    if (this.markers.length === 0) return;
    const toMs = (this.passSamples / SAMPLE_RATE) * 1000;
    const durationMs = stream.durationSeconds * 1000;
    for (const offset of this.markers) {
      const at = offset >= 0 ? offset : durationMs + offset;
      if (at < fromMs || at > toMs || this.firedMarkers.has(offset)) continue;
      this.firedMarkers.add(offset);
      this.emitLater('marker', { offsetMs: offset });
    }
  }

  /** Drops the current playback, whatever its stage, without an event. */
  private halt(): void {
    this.generation++;
    this.leaveTicker();
    this.stream = null;
    this.frameReady = false;
    if (this.currentState !== 'idle' && this.currentState !== 'closed') this.transition('idle');
  }

  private leaveTicker(): void {
    this.options.ticker.remove(this.paced);
  }

  /**
   * Events raised on the ticker's path run after the tick, so a slow listener cannot delay other streams' frames.
   * They report what already happened, so a stop() in between does not cancel them.
   */
  private emitLater<Name extends keyof PlayerEvents>(event: Name, payload: PlayerEvents[Name]): void {
    queueMicrotask(() => this.emit(event, payload));
  }

  private transition(to: PlayerState): void {
    const from = this.currentState;
    if (!LEGAL[from].includes(to)) throw new PlayerError('illegal_transition', `player cannot go from ${from} to ${to}`);
    this.currentState = to;
  }

  private assertOpen(method: string): void {
    if (this.currentState === 'closed') throw new PlayerError('player_closed', `${method}() on a closed player`);
  }
}

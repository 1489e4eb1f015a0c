/**
 * Players and recorders that a scenario creates on their own (`VoxEngine.createTTSPlayer`, `createURLPlayer`,
 * `createToneScriptPlayer`, `createRecorder`), over the real media layer, for sessions whose calls are SIP legs.
 * A player feeds any number of calls (`player.sendMediaTo(call)`); a recorder records what the calls routed to it
 * receive: the first source as one direction of the recorder's timeline, the second as the other, so that
 * `sendMediaTo(recorder)` from both sides of a bridged call records the conversation.
 */
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { AudioDirection, AudioSink, MediaInput } from '../media/media-types.js';
import { Player } from '../media/player/player.js';
import { playbackRequestFromVox } from '../media/player/vox-playback.js';
import { Recorder } from '../media/recorder/recorder.js';
import type { RecordingOptions } from './call-leg.js';
import { isAudioTappingPort, type AudioFeedingPort, type AudioTappingPort } from './media-audio-port.js';
import type { MediaPort } from './media-port.js';
import type {
  MediaUnitFactory,
  PlayerRequest,
  PlayerUnit,
  PlayerUnitDelegate,
  RecorderUnit,
  RecorderUnitDelegate,
} from './media-unit.js';
import type { SipLegEnvironment } from './sip-leg-types.js';

export class RtpMediaUnitFactory implements MediaUnitFactory {
  constructor(private readonly env: SipLegEnvironment) {}

  createPlayer(portId: string, request: PlayerRequest, delegate: PlayerUnitDelegate): PlayerUnit {
    return new RtpPlayerUnit(portId, this.env, request, delegate);
  }

  createRecorder(portId: string, options: RecordingOptions, delegate: RecorderUnitDelegate): RecorderUnit {
    return new RtpRecorderUnit(portId, this.env, options, delegate);
  }
}

class RtpPlayerUnit implements PlayerUnit, AudioFeedingPort {
  private readonly player: Player;
  private closed = false;

  constructor(
    readonly portId: string,
    env: SipLegEnvironment,
    request: PlayerRequest,
    delegate: PlayerUnitDelegate,
  ) {
    this.player = new Player({
      sources: env.sources,
      ticker: env.media.ticker,
      onListenerError: (error, event) => env.logger?.warn({ err: error, event, unit: portId }, 'player unit listener failed'),
    });
    // The MediaUnitFactory contract: reports never run inside the call that caused them.
    const later = (fn: () => void): void => queueMicrotask(() => !this.closed && fn());
    this.player.on('ready', () => later(() => delegate.ready()));
    this.player.on('started', ({ duration }) => later(() => delegate.started(duration)));
    this.player.on('finished', ({ error }) => later(() => delegate.finished(error)));
    this.player.on('marker', ({ offsetMs }) => later(() => delegate.markerReached(offsetMs)));
    this.player.play(playbackRequestFromVox(request.source));
    if (request.paused) this.player.pause();
  }

  /** A player only sends. */
  connectFrom(_source: MediaPort): void {}

  disconnectFrom(_source: MediaPort): void {}

  feedAudioTo(input: MediaInput): void {
    if (!this.closed) input.setInputSource(this.player);
  }

  stopAudioTo(input: MediaInput): void {
    if (input.inputSource === this.player) input.setInputSource(null);
  }

  pause(): void {
    if (!this.closed) this.player.pause();
  }

  resume(): void {
    if (!this.closed) this.player.resume();
  }

  stop(): void {
    if (!this.closed) this.player.stop();
  }

  addMarker(offsetMs: number): void {
    if (!this.closed) this.player.addMarker(offsetMs);
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.player.close();
  }
}

/** The recorder timeline has two directions; each of up to two sources takes one. */
const SOURCE_DIRECTIONS: readonly AudioDirection[] = ['received', 'sent'];

class RtpRecorderUnit implements RecorderUnit {
  private readonly recorder: Recorder;
  private readonly sources = new Map<AudioTappingPort, DirectedSink>();
  private closed = false;

  constructor(
    readonly portId: string,
    private readonly env: SipLegEnvironment,
    options: RecordingOptions,
    delegate: RecorderUnitDelegate,
  ) {
    const fileName = `${portId.replace(/\W/g, '-')}-${randomUUID()}.${options.format}`;
    const path = join(env.recordingsDirectory, fileName);
    this.recorder = new Recorder({
      path,
      url: env.recordingUrl?.(fileName) ?? pathToFileURL(path).href,
      format: options.format,
      stereo: options.stereo,
      clock: env.media.clock,
      onListenerError: (error, event) => env.logger?.warn({ err: error, event, unit: portId }, 'recorder unit listener failed'),
    });
    const later = (fn: () => void): void => queueMicrotask(() => !this.closed && fn());
    this.recorder.on('started', ({ url }) => later(() => delegate.started(url)));
    this.recorder.on('stopped', ({ url, duration }) => later(() => delegate.stopped(url, duration)));
    this.recorder.on('error', ({ error }) => later(() => delegate.error(error)));
  }

  connectFrom(source: MediaPort): void {
    if (this.closed || !isAudioTappingPort(source) || this.sources.has(source)) return;
    const used = new Set([...this.sources.values()].map((sink) => sink.direction));
    const direction = SOURCE_DIRECTIONS.find((candidate) => !used.has(candidate));
    if (!direction) {
      this.env.logger?.warn({ unit: this.portId, source: source.portId }, 'a recorder records at most two sources');
      return;
    }
    const sink = new DirectedSink(this.recorder, direction);
    this.sources.set(source, sink);
    source.tapReceivedAudio(sink);
  }

  disconnectFrom(source: MediaPort): void {
    if (!isAudioTappingPort(source)) return;
    const sink = this.sources.get(source);
    if (!sink) return;
    this.sources.delete(source);
    source.untapReceivedAudio(sink);
  }

  stop(): void {
    this.detachAll();
    // A write failure is reported through the recorder's 'error' event.
    this.recorder.stop().catch(() => undefined);
  }

  mute(muted: boolean): void {
    this.recorder.mute(muted);
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.detachAll();
    this.recorder.close();
  }

  private detachAll(): void {
    for (const source of [...this.sources.keys()]) this.disconnectFrom(source);
  }
}

/** Writes one source's frames into its own direction of the recorder's timeline. */
class DirectedSink implements AudioSink {
  constructor(
    private readonly recorder: Recorder,
    readonly direction: AudioDirection,
  ) {}

  writeFrame(frame: Int16Array): void {
    this.recorder.writeFrame(frame, this.direction);
  }
}

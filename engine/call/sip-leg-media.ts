/**
 * The media half of a SIP call leg: its RTP endpoint and SDP negotiator, the player that speaks to the far end, the
 * recorder that taps both directions, DTMF and media routing. It knows nothing of SIP; the leg hands it SDP bodies
 * and it reports through the leg's {@link SipLegReporter}.
 */
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Logger } from 'pino';
import type { AudioSink, MediaInput } from '../media/media-types.js';
import { Player } from '../media/player/player.js';
import { playbackRequestFromVox } from '../media/player/vox-playback.js';
import { Recorder } from '../media/recorder/recorder.js';
import type { RtpEndpoint } from '../media/rtp/rtp-endpoint.js';
import { sends } from '../media/sdp/media-direction.js';
import type { SdpNegotiator } from '../media/sdp/sdp-negotiator.js';
import type { MediaDirection, NegotiatedAudio, SdpAnswerResult } from '../media/sdp/sdp-types.js';
import { DtmfType, type PlaybackSource, type RecordingOptions } from './call-leg.js';
import type { MediaPort } from './media-port.js';
import { isAudioFeedingPort } from './media-audio-port.js';
import type { SipLegReporter } from './sip-leg-reporter.js';
import type { SipLegEnvironment } from './sip-leg-types.js';

/**
 * Whether the stream agreed after the peer's offer leaves us not sending: the peer put us on hold (RFC 3264 section
 * 8.4: sendonly or inactive, or the RFC 2543 style c=0.0.0.0).
 */
export function holdsUs(audio: NegotiatedAudio): boolean {
  return !sends(audio.direction) || audio.remoteAddress === '0.0.0.0';
}

export class SipLegMedia {
  private player: Player | undefined;
  private recorder: Recorder | undefined;
  private source: MediaPort | undefined;
  private readonly taps = new Map<AudioSink, AudioSink>();
  private dtmfTypes: readonly DtmfType[] = [];
  private started = false;
  private closed = false;

  constructor(
    private readonly portId: string,
    readonly endpoint: RtpEndpoint,
    private readonly sdp: SdpNegotiator,
    private readonly env: SipLegEnvironment,
    private readonly reporter: SipLegReporter,
    private readonly log: Logger | undefined,
  ) {
    endpoint.delegate = {
      onFirstAudioPacket: () => reporter.report((d) => d.firstAudioPacket()),
      onMediaStopped: () => reporter.report((d) => d.rtpStopped()),
      onMediaResumed: () => reporter.report((d) => d.rtpResumed()),
      onDtmf: ({ digit, type }) => {
        if (this.dtmfTypes.includes(type)) reporter.report((d) => d.toneReceived(digit, type));
      },
    };
  }

  get localPort(): number {
    return this.endpoint.localPort;
  }

  // ---- SDP (RFC 3264) ----

  createOffer(direction: MediaDirection = 'sendrecv'): string {
    return this.sdp.createOffer(direction);
  }

  answerOffer(offer: string): SdpAnswerResult {
    return this.sdp.answerOffer(offer);
  }

  /** Applies the peer's answer to our offer; false when it is unusable. */
  applyAnswer(answer: string): boolean {
    const result = this.sdp.applyAnswer(answer);
    if (!result.ok) {
      this.log?.warn({ reason: result.reason }, 'SDP answer refused');
      return false;
    }
    this.configure(result.audio);
    return true;
  }

  /** Starts (or re-targets, after a re-INVITE) the RTP stream both sides agreed on. */
  configure(audio: NegotiatedAudio): void {
    if (this.closed) return;
    this.endpoint.configure(audio);
    this.started = true;
  }

  // ---- playback ----

  play(source: PlaybackSource): void {
    if (this.closed) return;
    this.detachSource();
    const player = this.ensurePlayer();
    this.endpoint.setInputSource(player);
    player.play(playbackRequestFromVox(source));
  }

  stopPlayback(): void {
    if (!this.player) return;
    this.player.stop();
    if (this.endpoint.inputSource === this.player) this.endpoint.setInputSource(null);
  }

  private ensurePlayer(): Player {
    if (this.player) return this.player;
    const player = new Player({
      sources: this.env.sources,
      ticker: this.env.media.ticker,
      onListenerError: (error, event) => this.log?.warn({ err: error, event }, 'player listener failed'),
    });
    player.on('ready', () => this.reporter.report((d) => d.playbackReady()));
    player.on('started', ({ duration }) => this.reporter.report((d) => d.playbackStarted(duration)));
    player.on('finished', ({ error }) => this.reporter.report((d) => d.playbackFinished(error)));
    this.player = player;
    return player;
  }

  // ---- recording ----

  startRecording(options: RecordingOptions): void {
    if (this.closed || this.recorder) return;
    const fileName = `${this.portId.replace(/\W/g, '-')}-${randomUUID()}.${options.format}`;
    const path = join(this.env.recordingsDirectory, fileName);
    const url = this.env.recordingUrl?.(fileName) ?? pathToFileURL(path).href;
    const recorder = new Recorder({
      path,
      url,
      format: options.format,
      stereo: options.stereo,
      clock: this.env.media.clock,
      onListenerError: (error, event) => this.log?.warn({ err: error, event }, 'recorder listener failed'),
    });
    recorder.on('started', (e) => this.reporter.report((d) => d.recordStarted(e.url)));
    recorder.on('stopped', (e) => this.reporter.report((d) => d.recordStopped(e.url, e.duration)));
    recorder.on('error', (e) => this.reporter.report((d) => d.recordError(e.error)));
    this.recorder = recorder;
    this.endpoint.addSink(recorder);
  }

  stopRecording(): void {
    const recorder = this.recorder;
    if (!recorder) return;
    this.recorder = undefined;
    this.endpoint.removeSink(recorder);
    // A write failure is reported through the recorder's 'error' event.
    recorder.stop().catch(() => undefined);
  }

  // ---- DTMF ----

  setDtmfDetection(enabled: boolean, types: readonly DtmfType[]): void {
    this.dtmfTypes = enabled ? [...types] : [];
    if (!this.closed) this.endpoint.setInbandDtmfDetection(this.dtmfTypes.includes(DtmfType.inband));
  }

  reportsDtmf(type: DtmfType): boolean {
    return this.dtmfTypes.includes(type);
  }

  /** RFC 4733 telephone events when negotiated, in-band tones otherwise. */
  sendDigits(digits: string): void {
    if (!this.closed && this.started) this.endpoint.sendDigits(digits);
  }

  // ---- routing (sendMediaTo) ----

  /** `source`'s audio replaces whatever the far end heard; the current playback ends silently. */
  connectFrom(source: MediaPort): void {
    if (this.closed) return;
    if (!isAudioFeedingPort(source)) {
      this.log?.warn({ source: source.portId }, 'media route ignored: the source carries no audio');
      return;
    }
    this.player?.stop();
    this.detachSource();
    this.source = source;
    source.feedAudioTo(this.endpoint);
  }

  disconnectFrom(source: MediaPort): void {
    if (this.source !== source) return;
    this.detachSource();
  }

  feedAudioTo(input: MediaInput): void {
    if (!this.closed) this.endpoint.sendMediaTo(input);
  }

  stopAudioTo(input: MediaInput): void {
    this.endpoint.stopMediaTo(input);
  }

  /** Only the far end's audio, as `received`: what `sendMediaTo(recorder)` records in VoxEngine. */
  tapReceivedAudio(sink: AudioSink): void {
    if (this.closed || this.taps.has(sink)) return;
    const tap: AudioSink = {
      writeFrame: (frame, direction) => {
        if (direction === 'received') sink.writeFrame(frame, 'received');
      },
    };
    this.taps.set(sink, tap);
    this.endpoint.addSink(tap);
  }

  untapReceivedAudio(sink: AudioSink): void {
    const tap = this.taps.get(sink);
    if (!tap) return;
    this.taps.delete(sink);
    this.endpoint.removeSink(tap);
  }

  private detachSource(): void {
    const source = this.source;
    this.source = undefined;
    if (source && isAudioFeedingPort(source)) source.stopAudioTo(this.endpoint);
  }

  /** Releases the player, the recorder (its file is still finalized) and the endpoint with its ports. Idempotent. */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.detachSource();
    for (const sink of [...this.taps.keys()]) this.untapReceivedAudio(sink);
    this.player?.close();
    this.player = undefined;
    if (this.recorder) {
      this.endpoint.removeSink(this.recorder);
      this.recorder.close();
      this.recorder = undefined;
    }
    this.endpoint.close();
  }
}

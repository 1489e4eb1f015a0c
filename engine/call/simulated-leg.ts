/**
 * A {@link CallLeg} with no network behind it: the test kit plays the far end through its `remote*` methods, and the
 * leg records everything the scenario made it do. Time (prompt durations, the 7 s RTP-stopped rule) runs on the
 * injected clock, so a virtual clock drives it in tests. Every report to the delegate is queued as a microtask, as
 * the {@link CallLeg} contract requires.
 */
import type { Clock, TimerHandle } from '../clock.js';
import type { MediaPort } from './media-port.js';
import {
  type BeepDetectionOptions,
  type BlindTransferResult,
  type CallDirection,
  type CallLeg,
  type CallLegDelegate,
  type DtmfType,
  type Headers,
  type PlaybackSource,
  type RecordingOptions,
  type TransferRequest,
  rtpStoppedAfterMs,
} from './call-leg.js';

export interface SimulatedLegOptions {
  /** Milliseconds of speech per character of TTS text (default 60: about 15 characters a second). */
  ttsMsPerChar?: number;
  /** How long a URL playback lasts (default 3000 ms). */
  urlPlaybackMs?: number;
}

/** One thing the scenario made the leg do, in order. */
export type LegAction =
  | { op: 'ring' | 'startEarlyMedia' | 'answer' | 'hangup'; headers: Headers }
  | { op: 'reject'; code: number; headers: Headers }
  | { op: 'play'; source: PlaybackSource }
  | { op: 'stopPlayback' | 'stopRecording' }
  | { op: 'startRecording'; options: RecordingOptions }
  | { op: 'dtmfDetection'; enabled: boolean; types: DtmfType[] }
  | { op: 'sendDigits'; digits: string }
  | { op: 'sendInfo'; mimeType: string; body: string; headers: Headers }
  | { op: 'sendMessage'; text: string }
  | { op: 'transfer'; kind: 'blind' | 'attended'; to: string; headers: Headers }
  | { op: 'notifyBlindTransfer'; result: BlindTransferResult }
  | { op: 'receiveMedia'; from: string | null }
  | { op: 'beepDetection'; options: BeepDetectionOptions | null }
  | { op: 'micStatusDetection'; enabled: boolean }
  | { op: 'mediaStatistics'; intervalSeconds: number | null };

export type SimulatedLegPhase = 'new' | 'early' | 'confirmed' | 'ended';

export class SimulatedLeg implements CallLeg {
  readonly actions: LegAction[] = [];
  phase: SimulatedLegPhase = 'new';
  /** Id of the port this leg currently receives audio from (`null`: silence or its own playback). */
  mediaSource: string | null = null;
  /** The playback in progress, if any. */
  playing: PlaybackSource | null = null;
  recording: { url: string; startedAt: number } | null = null;
  dtmfTypes: readonly DtmfType[] = [];

  private delegate: CallLegDelegate | undefined;
  private closed = false;
  private playbackTimer: TimerHandle | undefined;
  private rtpTimer: TimerHandle | undefined;
  private rtpStopped = false;
  private recordingCount = 0;

  constructor(
    readonly portId: string,
    readonly direction: CallDirection,
    private readonly clock: Clock,
    private readonly options: SimulatedLegOptions = {},
  ) {}

  get isClosed(): boolean {
    return this.closed;
  }

  setDelegate(delegate: CallLegDelegate): void {
    this.delegate = delegate;
  }

  // ---- what the scenario does (CallLeg) ----

  ring(headers: Headers): void {
    this.actions.push({ op: 'ring', headers });
  }

  startEarlyMedia(headers: Headers): void {
    this.actions.push({ op: 'startEarlyMedia', headers });
    this.phase = 'early';
  }

  answer(headers: Headers): void {
    this.actions.push({ op: 'answer', headers });
    this.confirm(() => this.delegate?.connected({}, undefined));
  }

  reject(code: number, headers: Headers): void {
    this.actions.push({ op: 'reject', code, headers });
    this.phase = 'ended';
  }

  hangup(headers: Headers): void {
    this.actions.push({ op: 'hangup', headers });
    this.endMedia();
    this.phase = 'ended';
  }

  play(source: PlaybackSource): void {
    this.actions.push({ op: 'play', source });
    this.cancelPlayback();
    this.mediaSource = null;
    this.playing = source;
    const durationMs = this.durationOf(source);
    this.report((d) => {
      d.playbackReady();
      d.playbackStarted(durationMs === undefined ? 0 : durationMs / 1000);
    });
    if (durationMs !== undefined) this.playbackTimer = this.clock.setTimer(() => this.finishPlayback(), durationMs);
  }

  stopPlayback(): void {
    this.actions.push({ op: 'stopPlayback' });
    this.cancelPlayback();
  }

  startRecording(options: RecordingOptions): void {
    this.actions.push({ op: 'startRecording', options });
    const url = `simulated://recordings/${this.portId.replace(/\W/g, '-')}-${++this.recordingCount}.${options.format}`;
    this.recording = { url, startedAt: this.clock.now() };
    this.report((d) => d.recordStarted(url));
  }

  stopRecording(): void {
    this.actions.push({ op: 'stopRecording' });
    const recording = this.recording;
    if (!recording) return;
    this.recording = null;
    const seconds = Math.round((this.clock.now() - recording.startedAt) / 1000);
    this.report((d) => d.recordStopped(recording.url, seconds));
  }

  setDtmfDetection(enabled: boolean, types: readonly DtmfType[]): void {
    this.actions.push({ op: 'dtmfDetection', enabled, types: [...types] });
    this.dtmfTypes = enabled ? types : [];
  }

  sendDigits(digits: string): void {
    this.actions.push({ op: 'sendDigits', digits });
  }

  sendInfo(mimeType: string, body: string, headers: Headers): void {
    this.actions.push({ op: 'sendInfo', mimeType, body, headers });
  }

  sendMessage(text: string): void {
    this.actions.push({ op: 'sendMessage', text });
  }

  transfer(request: TransferRequest): void {
    const to = request.kind === 'blind' ? request.to : request.target.portId;
    this.actions.push({ op: 'transfer', kind: request.kind, to, headers: request.headers });
  }

  notifyBlindTransfer(result: BlindTransferResult): void {
    this.actions.push({ op: 'notifyBlindTransfer', result });
  }

  setBeepDetection(options: BeepDetectionOptions | null): void {
    this.actions.push({ op: 'beepDetection', options });
  }

  setMicStatusDetection(enabled: boolean): void {
    this.actions.push({ op: 'micStatusDetection', enabled });
  }

  setMediaStatistics(intervalSeconds: number | null): void {
    this.actions.push({ op: 'mediaStatistics', intervalSeconds });
  }

  connectFrom(source: MediaPort): void {
    this.actions.push({ op: 'receiveMedia', from: source.portId });
    this.cancelPlayback();
    this.mediaSource = source.portId;
  }

  disconnectFrom(source: MediaPort): void {
    if (this.mediaSource !== source.portId) return;
    this.actions.push({ op: 'receiveMedia', from: null });
    this.mediaSource = null;
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.cancelPlayback();
    this.endMedia();
    this.phase = 'ended';
  }

  // ---- what the far end does (driven by the test kit) ----

  remoteRinging(headers: Headers = {}): void {
    this.report((d) => d.ringing(headers));
  }

  remoteEarlyMedia(headers: Headers = {}): void {
    this.phase = 'early';
    this.report((d) => d.earlyMedia(headers));
  }

  remoteAnswer(headers: Headers = {}, customData?: string): void {
    this.confirm(() => this.delegate?.connected(headers, customData));
  }

  /** A final non-2xx response to our INVITE, or CANCEL of an incoming call (487). */
  remoteFail(code: number, reason: string, headers: Headers = {}): void {
    this.phase = 'ended';
    this.report((d) => d.failed(code, reason, headers));
  }

  remoteHangup(headers: Headers = {}): void {
    this.phase = 'ended';
    this.endMedia();
    this.report((d) => d.remoteHangup(headers));
  }

  pressDigits(digits: string, type: DtmfType): void {
    for (const tone of digits) this.report((d) => d.toneReceived(tone, type));
  }

  remoteInfo(mimeType: string, body: string, headers: Headers = {}): void {
    this.report((d) => d.infoReceived(mimeType, body, headers));
  }

  remoteMessage(text: string, headers: Headers = {}): void {
    this.report((d) => d.messageReceived(text, headers));
  }

  remoteReInvite(hold: 'hold' | 'unhold' | 'none', headers: Headers = {}, mimeType = 'application/sdp', body = ''): void {
    this.report((d) => d.reInviteReceived({ hold, headers, mimeType, body }));
  }

  remoteRefer(transferTo: string, headers: Headers = {}): void {
    this.report((d) => d.referReceived(transferTo, headers));
  }

  /** The NOTIFY that ends a transfer we asked for; on success the far end then leaves the call with BYE. */
  resolveTransfer(outcome: 'complete' | 'failed', code?: number, reason?: string, headers: Headers = {}): void {
    this.report((d) => d.transferProgress({ outcome, role: 'transferor', headers, code, reason }));
    if (outcome === 'complete') this.remoteHangup();
  }

  /** Ends the current playback now, as if the prompt ran out (or failed with `error`). */
  finishPlayback(error?: string): void {
    if (!this.playing) return;
    this.cancelPlayback();
    this.report((d) => d.playbackFinished(error));
  }

  /** The far end stops sending RTP: `rtpStopped` follows after 7 s on the clock. */
  stopMedia(): void {
    if (this.rtpTimer || this.rtpStopped) return;
    this.rtpTimer = this.clock.setTimer(() => {
      this.rtpTimer = undefined;
      this.rtpStopped = true;
      this.report((d) => d.rtpStopped());
    }, rtpStoppedAfterMs);
  }

  resumeMedia(): void {
    this.endMedia();
    if (!this.rtpStopped) return;
    this.rtpStopped = false;
    this.report((d) => d.rtpResumed());
  }

  /** Any other report (beep detection, mic status, statistics, tone detection, ...). */
  reportToDelegate(fn: (delegate: CallLegDelegate) => void): void {
    this.report(fn);
  }

  private confirm(connected: () => void): void {
    this.phase = 'confirmed';
    this.report(() => {
      connected();
      this.delegate?.firstAudioPacket();
    });
  }

  private durationOf(source: PlaybackSource): number | undefined {
    if (source.kind === 'tts') return Math.max(500, source.text.length * (this.options.ttsMsPerChar ?? 60));
    if (source.kind === 'url') return source.loop ? undefined : (this.options.urlPlaybackMs ?? 3000);
    // Progress tones and silence play until something replaces them.
    return undefined;
  }

  private cancelPlayback(): void {
    this.playing = null;
    if (this.playbackTimer) this.clock.clearTimer(this.playbackTimer);
    this.playbackTimer = undefined;
  }

  private endMedia(): void {
    if (this.rtpTimer) this.clock.clearTimer(this.rtpTimer);
    this.rtpTimer = undefined;
  }

  private report(fn: (delegate: CallLegDelegate) => void): void {
    queueMicrotask(() => {
      if (!this.closed && this.delegate) fn(this.delegate);
    });
  }
}

/**
 * The leg a session gets back from `callSIP`/`callPSTN` at once (the dialer interface is synchronous) while the SIP
 * leg behind it is still being set up: opening its RTP endpoint is asynchronous. Until the real leg exists, calls
 * are queued in order; afterwards they go straight through. A setup that fails is reported as the far end would:
 * `failed(503)` (no RTP port left) or `failed(500)`.
 */
import type { AudioSink, MediaInput } from '../media/media-types.js';
import type {
  BeepDetectionOptions,
  BlindTransferResult,
  CallDirection,
  CallLeg,
  CallLegDelegate,
  DtmfType,
  Headers,
  PlaybackSource,
  RecordingOptions,
  TransferRequest,
} from '../call/call-leg.js';
import { isAudioFeedingPort, isAudioTappingPort } from '../call/media-audio-port.js';
import type { MediaPort } from '../call/media-port.js';
import type { SipCallLeg } from '../call/sip-leg.js';

type Operation = (leg: SipCallLeg) => void;

/** A call that cannot be placed at all (no trunk, a malformed target): reported as this SIP final response. */
export class DialError extends Error {
  override readonly name = 'DialError';
  constructor(
    readonly status: number,
    readonly reason: string,
  ) {
    super(`${status} ${reason}`);
  }
}

export class DialedSipLeg implements CallLeg {
  readonly direction: CallDirection = 'outgoing';
  private leg: SipCallLeg | undefined;
  private delegate: CallLegDelegate | undefined;
  private readonly queue: Operation[] = [];
  private closed = false;
  private failure: { code: number; reason: string } | undefined;

  constructor(
    readonly portId: string,
    setup: Promise<SipCallLeg>,
  ) {
    setup.then(
      (leg) => this.ready(leg),
      (error: unknown) => this.setupFailed(error),
    );
  }

  /** The SIP leg, once set up (for attended transfers, which need the real dialog). */
  get sipLeg(): SipCallLeg | undefined {
    return this.leg;
  }

  setDelegate(delegate: CallLegDelegate): void {
    this.delegate = delegate;
    if (this.leg) this.leg.setDelegate(delegate);
    else if (this.failure) this.reportFailure();
  }

  ring(headers: Headers): void {
    this.run((leg) => leg.ring(headers));
  }
  startEarlyMedia(headers: Headers): void {
    this.run((leg) => leg.startEarlyMedia(headers));
  }
  answer(headers: Headers): void {
    this.run((leg) => leg.answer(headers));
  }
  reject(code: number, headers: Headers): void {
    this.run((leg) => leg.reject(code, headers));
  }
  hangup(headers: Headers): void {
    this.run((leg) => leg.hangup(headers));
  }
  play(source: PlaybackSource): void {
    this.run((leg) => leg.play(source));
  }
  stopPlayback(): void {
    this.run((leg) => leg.stopPlayback());
  }
  startRecording(options: RecordingOptions): void {
    this.run((leg) => leg.startRecording(options));
  }
  stopRecording(): void {
    this.run((leg) => leg.stopRecording());
  }
  setDtmfDetection(enabled: boolean, types: readonly DtmfType[]): void {
    this.run((leg) => leg.setDtmfDetection(enabled, types));
  }
  sendDigits(digits: string): void {
    this.run((leg) => leg.sendDigits(digits));
  }
  sendInfo(mimeType: string, body: string, headers: Headers): void {
    this.run((leg) => leg.sendInfo(mimeType, body, headers));
  }
  sendMessage(text: string): void {
    this.run((leg) => leg.sendMessage(text));
  }
  transfer(request: TransferRequest): void {
    this.run((leg) => {
      if (request.kind === 'attended' && request.target instanceof DialedSipLeg && request.target.sipLeg) {
        leg.transfer({ ...request, target: request.target.sipLeg });
      } else {
        leg.transfer(request);
      }
    });
  }
  notifyBlindTransfer(result: BlindTransferResult): void {
    this.run((leg) => leg.notifyBlindTransfer(result));
  }
  setBeepDetection(options: BeepDetectionOptions | null): void {
    this.run((leg) => leg.setBeepDetection(options));
  }
  setMicStatusDetection(enabled: boolean): void {
    this.run((leg) => leg.setMicStatusDetection(enabled));
  }
  setMediaStatistics(intervalSeconds: number | null): void {
    this.run((leg) => leg.setMediaStatistics(intervalSeconds));
  }

  connectFrom(source: MediaPort): void {
    this.run((leg) => leg.connectFrom(source));
  }
  disconnectFrom(source: MediaPort): void {
    this.run((leg) => leg.disconnectFrom(source));
  }
  feedAudioTo(input: MediaInput): void {
    this.run((leg) => isAudioFeedingPort(leg) && leg.feedAudioTo(input));
  }
  stopAudioTo(input: MediaInput): void {
    this.run((leg) => isAudioFeedingPort(leg) && leg.stopAudioTo(input));
  }
  tapReceivedAudio(sink: AudioSink): void {
    this.run((leg) => isAudioTappingPort(leg) && leg.tapReceivedAudio(sink));
  }
  untapReceivedAudio(sink: AudioSink): void {
    this.run((leg) => isAudioTappingPort(leg) && leg.untapReceivedAudio(sink));
  }

  /** Idempotent; a leg still being set up is closed (its INVITE cancelled) as soon as it exists. */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.queue.length = 0;
    this.leg?.close();
  }

  private run(operation: Operation): void {
    if (this.closed || this.failure) return;
    if (this.leg) operation(this.leg);
    else this.queue.push(operation);
  }

  private ready(leg: SipCallLeg): void {
    if (this.closed) {
      leg.close();
      return;
    }
    this.leg = leg;
    if (this.delegate) leg.setDelegate(this.delegate);
    for (const operation of this.queue.splice(0)) operation(leg);
  }

  private setupFailed(error: unknown): void {
    if (this.closed) return;
    if (error instanceof DialError) this.failure = { code: error.status, reason: error.reason };
    else if ((error as { code?: unknown }).code === 'port-range-exhausted') this.failure = { code: 503, reason: 'Service Unavailable' };
    else this.failure = { code: 500, reason: 'Server Internal Error' };
    this.queue.length = 0;
    if (this.delegate) this.reportFailure();
  }

  private reportFailure(): void {
    const { code, reason } = this.failure!;
    const delegate = this.delegate!;
    queueMicrotask(() => {
      if (!this.closed) delegate.failed(code, reason, {});
    });
  }
}

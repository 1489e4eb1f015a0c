/**
 * The seam between the engine-side `Call` and whatever carries the call: a SIP dialog with its RTP endpoint, or the
 * test kit's simulated leg. A leg knows SIP and media; the `Call` above it knows VoxEngine's states and events. The
 * leg reports upward through the {@link CallLegDelegate} that its owner installs (SIP.js's `TransactionUser` pattern),
 * so a leg never imports the call layer's classes.
 *
 * Every delegate call must happen asynchronously with respect to the leg method that caused it (never from inside
 * `answer()`, `play()`, ...): the owner may be in the middle of handling a scenario command.
 */
import type { Headers } from './scenario-arguments.js';
import type { MediaPort } from './media-port.js';

export type { Headers };

export type CallDirection = 'incoming' | 'outgoing';

/** A connected leg that receives no RTP for this long reports `rtpStopped` (VoxEngine: "within 7 seconds"). */
export const rtpStoppedAfterMs = 7000;

/** How a DTMF digit arrived, with VoxEngine's `ToneReceived.type` codes. */
export const DtmfType = {
  /** RFC 4733 (formerly RFC 2833) telephone-event packets. */
  rfc2833: 1,
  /** In-band audio tones. */
  inband: 2,
  /** SIP INFO (application/dtmf-relay or application/dtmf). */
  sipInfo: 3,
} as const;
export type DtmfType = (typeof DtmfType)[keyof typeof DtmfType];

/** What a leg plays to its far end; starting one replaces the current incoming stream. */
export type PlaybackSource =
  | { kind: 'tts'; text: string; options: Record<string, unknown> }
  | { kind: 'url'; url: string; loop: boolean; progressive: boolean }
  | { kind: 'progressTone'; country: string }
  /** A VoxEngine tone script (`createToneScriptPlayer`), e.g. "440@-19,480@-19;*(2/4/1+2)". */
  | { kind: 'toneScript'; script: string; loop: boolean }
  | { kind: 'silence' };

export interface RecordingOptions {
  /** VoxEngine default: mono mix; `stereo` keeps the two directions apart. */
  stereo: boolean;
  format: 'mp3' | 'wav';
  /** Every `CallRecordParameters` field the scenario passed, for the recorder backend and the test kit. */
  parameters: Record<string, unknown>;
}

export type TransferRequest =
  /** RFC 3515 REFER to a URI. */
  | { kind: 'blind'; to: string; headers: Headers }
  /** REFER with Replaces (RFC 3891) naming the dialog of `target`. */
  | { kind: 'attended'; target: CallLeg; headers: Headers };

export type BlindTransferResult = { ok: true } | { ok: false; code: number; reason: string };

export interface BeepDetectionOptions {
  frequencies: number[];
  timeoutMs: number;
}

/** The far end's report of a re-INVITE (RFC 3261 section 14.2): hold and resume are told by SDP direction. */
export interface ReInviteInfo {
  hold: 'hold' | 'unhold' | 'none';
  headers: Headers;
  mimeType: string;
  body: string;
}

export interface TransferProgress {
  outcome: 'complete' | 'failed';
  role: 'transferor' | 'target' | 'transferee';
  headers: Headers;
  code?: number;
  reason?: string;
}

export interface CallLeg extends MediaPort {
  readonly direction: CallDirection;
  /** Installed once by the owning `Call`; the leg reports every far-end event to it. */
  setDelegate(delegate: CallLegDelegate): void;

  /** 180 Ringing on an incoming leg. */
  ring(headers: Headers): void;
  /** 183 Session Progress with an SDP answer, so that prompts can play before answering. */
  startEarlyMedia(headers: Headers): void;
  /** 200 OK on an incoming leg; the leg reports `connected` once the dialog is confirmed. */
  answer(headers: Headers): void;
  /** A final non-2xx response on an incoming leg that has not been answered. */
  reject(code: number, headers: Headers): void;
  /** BYE on a confirmed dialog, CANCEL on an outgoing leg still ringing. */
  hangup(headers: Headers): void;

  /** Replaces whatever the far end hears; a replaced playback reports nothing more. */
  play(source: PlaybackSource): void;
  stopPlayback(): void;
  startRecording(options: RecordingOptions): void;
  stopRecording(): void;

  /** Turns DTMF reporting on or off for the given ways of arrival. */
  setDtmfDetection(enabled: boolean, types: readonly DtmfType[]): void;
  sendDigits(digits: string): void;
  sendInfo(mimeType: string, body: string, headers: Headers): void;
  sendMessage(text: string): void;

  transfer(request: TransferRequest): void;
  /** The final NOTIFY for a REFER the scenario accepted with `handleBlindTransfer(true)`. */
  notifyBlindTransfer(result: BlindTransferResult): void;

  setBeepDetection(options: BeepDetectionOptions | null): void;
  setMicStatusDetection(enabled: boolean): void;
  /** Media statistics every `intervalSeconds`, or off when null. */
  setMediaStatistics(intervalSeconds: number | null): void;

  /** Releases ports, timers and dialog state. Idempotent; no delegate call follows. */
  close(): void;
}

export interface CallLegDelegate {
  /** 180 on an outgoing leg. */
  ringing(headers: Headers): void;
  /** 183 with SDP on an outgoing leg. */
  earlyMedia(headers: Headers): void;
  /** The dialog is confirmed: 2xx received (outgoing) or ACK received for our 2xx (incoming). */
  connected(headers: Headers, customData?: string): void;
  /** An outgoing leg got a final non-2xx response, or an incoming leg was cancelled (487) before the answer. */
  failed(code: number, reason: string, headers: Headers): void;
  /** BYE from the far end. */
  remoteHangup(headers: Headers): void;

  toneReceived(tone: string, type: DtmfType): void;
  infoReceived(mimeType: string, body: string, headers: Headers): void;
  messageReceived(text: string, headers: Headers): void;
  reInviteReceived(info: ReInviteInfo): void;
  /** The answer to a re-INVITE we sent. */
  reInviteAnswered(accepted: boolean, headers: Headers): void;
  /** A REFER from the far end (RFC 3515); the call decides whether the scenario sees it. */
  referReceived(transferTo: string, headers: Headers): void;
  forwarding(): void;

  playbackReady(): void;
  playbackStarted(durationSeconds: number): void;
  playbackFinished(error?: string): void;
  recordStarted(url: string): void;
  recordStopped(url: string, durationSeconds: number): void;
  recordError(error: string): void;
  transferProgress(progress: TransferProgress): void;

  firstAudioPacket(): void;
  rtpStopped(): void;
  rtpResumed(): void;
  toneDetected(progressTone: boolean, voicemailTone: boolean): void;
  beepDetectionComplete(frequencies: number[], timeout: boolean): void;
  beepDetectionError(reason: string): void;
  micStatusChanged(active: boolean): void;
  mediaStatistics(audio: Record<string, unknown>): void;
  audioQuality(quality: 'HD' | 'STANDARD'): void;
}

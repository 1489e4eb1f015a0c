/**
 * A test's handle on one call of the scenario under test: it plays the far end (answer, busy, hang up, press
 * digits, hold, INFO, MESSAGE, REFER) and reads what the scenario did to the call (answered, rejected, texts said,
 * URLs played, recordings, transfers, digits sent, the media it receives). Far-end actions take effect at the next
 * `kit.flush()` or `kit.advance()`.
 */
import type { Call } from '../call/call.js';
import { DtmfType, type Headers, type RecordingOptions } from '../call/call-leg.js';
import type { LegAction, SimulatedLeg } from '../call/simulated-leg.js';
import type { DialRequest } from '../session/session-types.js';

export type DtmfKind = 'rfc2833' | 'inband' | 'sipinfo';

const dtmfTypes: Record<DtmfKind, DtmfType> = { rfc2833: DtmfType.rfc2833, inband: DtmfType.inband, sipinfo: DtmfType.sipInfo };

export interface SaidText {
  text: string;
  options: Record<string, unknown>;
}

export class SimulatedCall {
  constructor(
    readonly id: string,
    readonly leg: SimulatedLeg,
    private readonly call: () => Call | undefined,
    /** For outgoing calls: what the scenario dialled. */
    readonly dialed?: DialRequest,
  ) {}

  // ---- what the scenario did ----

  /** VoxEngine's state string: ALERTING, PROGRESSING, CONNECTED or TERMINATED. */
  get state(): string {
    return this.call()?.state ?? 'TERMINATED';
  }

  get actions(): readonly LegAction[] {
    return this.leg.actions;
  }

  get answered(): boolean {
    return this.has('answer');
  }

  get rang(): boolean {
    return this.has('ring');
  }

  get earlyMedia(): boolean {
    return this.has('startEarlyMedia');
  }

  /** The final response the scenario (or the engine, e.g. 408 after 60 s) rejected the call with. */
  get rejected(): { code: number; headers: Headers } | undefined {
    const action = this.leg.actions.find((a) => a.op === 'reject');
    return action?.op === 'reject' ? { code: action.code, headers: action.headers } : undefined;
  }

  get rejectedCode(): number | undefined {
    return this.rejected?.code;
  }

  /** The scenario (or the engine) hung the call up, with these headers. */
  get hungUp(): Headers | undefined {
    const action = this.leg.actions.find((a) => a.op === 'hangup');
    return action?.op === 'hangup' ? action.headers : undefined;
  }

  get ended(): boolean {
    return this.state === 'TERMINATED';
  }

  get said(): SaidText[] {
    return this.plays('tts').map((s) => ({ text: s.text, options: s.options }));
  }

  get played(): string[] {
    return this.plays('url').map((s) => s.url);
  }

  get progressTones(): string[] {
    return this.plays('progressTone').map((s) => s.country);
  }

  /** What the far end hears now: a playback, another call/player (`mediaSource`), or nothing. */
  get playing() {
    return this.leg.playing;
  }

  get mediaSource(): string | null {
    return this.leg.mediaSource;
  }

  get recordings(): RecordingOptions[] {
    return this.leg.actions.flatMap((a) => (a.op === 'startRecording' ? [a.options] : []));
  }

  get transfers(): Array<{ kind: 'blind' | 'attended'; to: string; headers: Headers }> {
    return this.leg.actions.flatMap((a) => (a.op === 'transfer' ? [{ kind: a.kind, to: a.to, headers: a.headers }] : []));
  }

  get digitsSent(): string {
    return this.leg.actions.map((a) => (a.op === 'sendDigits' ? a.digits : '')).join('');
  }

  get infosSent(): Array<{ mimeType: string; body: string; headers: Headers }> {
    return this.leg.actions.flatMap((a) => (a.op === 'sendInfo' ? [{ mimeType: a.mimeType, body: a.body, headers: a.headers }] : []));
  }

  get messagesSent(): string[] {
    return this.leg.actions.flatMap((a) => (a.op === 'sendMessage' ? [a.text] : []));
  }

  get blindTransferNotifications() {
    return this.leg.actions.flatMap((a) => (a.op === 'notifyBlindTransfer' ? [a.result] : []));
  }

  // ---- the far end ----

  /** 180 Ringing (outgoing calls). */
  ringing(headers: Headers = {}): this {
    this.leg.remoteRinging(headers);
    return this;
  }

  /** 183 Session Progress (outgoing calls). */
  progress(headers: Headers = {}): this {
    this.leg.remoteEarlyMedia(headers);
    return this;
  }

  /** 200 OK (outgoing calls). */
  answer(headers: Headers = {}, customData?: string): this {
    this.leg.remoteAnswer(headers, customData);
    return this;
  }

  busy(headers: Headers = {}): this {
    return this.fail(486, 'Busy Here', headers);
  }

  decline(headers: Headers = {}): this {
    return this.fail(603, 'Decline', headers);
  }

  notFound(headers: Headers = {}): this {
    return this.fail(404, 'Not Found', headers);
  }

  /** Any final failure response to an outgoing call; for an incoming call, the caller's CANCEL is `fail(487)`. */
  fail(code: number, reason = '', headers: Headers = {}): this {
    this.leg.remoteFail(code, reason || defaultReason(code), headers);
    return this;
  }

  /** The caller gives up before the answer (CANCEL, 487). */
  cancel(): this {
    return this.fail(487, 'Request Terminated');
  }

  /** BYE from the far end. */
  hangup(headers: Headers = {}): this {
    this.leg.remoteHangup(headers);
    return this;
  }

  pressDigit(digits: string, kind: DtmfKind = 'rfc2833'): this {
    this.leg.pressDigits(digits, dtmfTypes[kind]);
    return this;
  }

  hold(headers: Headers = {}): this {
    this.leg.remoteReInvite('hold', headers);
    return this;
  }

  unhold(headers: Headers = {}): this {
    this.leg.remoteReInvite('unhold', headers);
    return this;
  }

  info(mimeType: string, body: string, headers: Headers = {}): this {
    this.leg.remoteInfo(mimeType, body, headers);
    return this;
  }

  message(text: string, headers: Headers = {}): this {
    this.leg.remoteMessage(text, headers);
    return this;
  }

  refer(transferTo: string, headers: Headers = {}): this {
    this.leg.remoteRefer(transferTo, headers);
    return this;
  }

  /** The NOTIFY ending a `transferTo`: success (the far end then hangs up) or failure. */
  completeTransfer(headers: Headers = {}): this {
    this.leg.resolveTransfer('complete', undefined, undefined, headers);
    return this;
  }

  failTransfer(code = 486, reason = 'Busy Here', headers: Headers = {}): this {
    this.leg.resolveTransfer('failed', code, reason, headers);
    return this;
  }

  /** Ends the current prompt now instead of waiting for its virtual duration. */
  finishPlayback(error?: string): this {
    this.leg.finishPlayback(error);
    return this;
  }

  /** The far end stops sending RTP; `CallEvents.RtpStopped` follows 7 s later. */
  stopMedia(): this {
    this.leg.stopMedia();
    return this;
  }

  resumeMedia(): this {
    this.leg.resumeMedia();
    return this;
  }

  private has(op: LegAction['op']): boolean {
    return this.leg.actions.some((a) => a.op === op);
  }

  private plays<K extends 'tts' | 'url' | 'progressTone'>(kind: K) {
    return this.leg.actions.flatMap((a) =>
      a.op === 'play' && a.source.kind === kind ? [a.source as Extract<typeof a.source, { kind: K }>] : [],
    );
  }
}

function defaultReason(code: number): string {
  return code === 486 ? 'Busy Here' : code === 603 ? 'Decline' : code === 404 ? 'Not Found' : code === 487 ? 'Request Terminated' : 'Failed';
}

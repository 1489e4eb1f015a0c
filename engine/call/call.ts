/**
 * The engine-side VoxEngine `Call`: one leg's state machine and its `CallEvents`, in the reference's order.
 * Features live in components the call owns (playback, recording, DTMF, transfer, detectors); the call itself keeps
 * only the lifecycle: answer, reject, hangup, the far end's answer, failure and hangup, and its time limits.
 *
 * Order of events at the end of a call (the `Call` reference): `reject` fires `Disconnected` at once; `hangup` fires
 * `Disconnected` for a call that was up and `Failed` for an outgoing call never connected; the far end's BYE fires
 * `Disconnected`, its final error response `Failed`; each is followed by `StateChanged`, and by `RecordStopped` when
 * the call was being recorded.
 */
import type { Logger } from 'pino';
import type { TimerHandle } from '../clock.js';
import type { HangupBy, HangupReason } from './call-record.js';
import type { CallRecord } from './call-record.js';
import type { CallContext } from './call-context.js';
import type { CallEventName, CallEventPayloads } from './call-events.js';
import type { CallLegDelegate, Headers } from './call-leg.js';
import type { CallInit, CallMirrorUpdate, CallProperties } from './call-types.js';
import { canTransition, type CallState } from './call-state.js';
import { CallDeadlines } from './call-deadlines.js';
import { CallDetectors } from './call-detectors.js';
import { CallDtmf } from './call-dtmf.js';
import { CallPlayback } from './call-playback.js';
import { CallRecording } from './call-recording.js';
import { CallRecordBuilder, hangupReasonFor } from './call-record-builder.js';
import { CallTransfer } from './call-transfer.js';
import { reasonPhrase } from './reason-phrases.js';

/** How long a terminated call waits for its leg's `RecordStopped` before releasing the leg anyway. */
const recordingFlushMs = 10_000;

interface Ending {
  event: 'Call.Disconnected' | 'Call.Failed';
  code: number;
  reason?: string;
  headers: Headers;
  by: HangupBy;
  hangupReason: HangupReason;
}

export class Call {
  readonly id: string;
  readonly playback: CallPlayback;
  readonly recording: CallRecording;
  readonly dtmf: CallDtmf;
  readonly transfer: CallTransfer;
  readonly detectors: CallDetectors;

  private current: CallState;
  private answering = false;
  private audioStarted = false;
  private legClosed = false;
  private flushTimer: TimerHandle | undefined;
  private readonly properties: CallProperties;
  private readonly deadlines: CallDeadlines;
  private readonly record: CallRecordBuilder;
  private readonly log: Logger;

  constructor(private readonly init: CallInit) {
    this.id = init.id;
    this.current = init.direction === 'incoming' ? 'ALERTING' : 'PROGRESSING';
    this.log = init.logger.child({ callId: init.id });
    this.properties = {
      id: init.id,
      state: this.current,
      incoming: init.direction === 'incoming',
      callerid: init.callerid,
      displayName: init.displayName,
      number: init.number,
      clientType: init.clientType,
      customData: init.customData,
      headers: { ...init.headers },
    };
    const incoming = init.direction === 'incoming';
    this.record = new CallRecordBuilder(
      init.direction,
      { remoteParty: incoming ? init.callerid : init.number, localParty: incoming ? init.number : init.callerid },
      init.wallClock,
    );
    const ctx: CallContext = {
      leg: init.leg,
      clock: init.clock,
      limits: init.limits,
      log: this.log,
      state: () => this.current,
      answerPending: () => this.answering,
      emit: (name, payload) => this.emit(name, payload),
    };
    this.playback = new CallPlayback(ctx);
    this.recording = new CallRecording(ctx);
    this.dtmf = new CallDtmf(ctx);
    this.transfer = new CallTransfer(ctx);
    this.detectors = new CallDetectors(ctx);
    this.deadlines = new CallDeadlines(init.clock);
    init.leg.setDelegate(this.legDelegate());
    if (incoming) {
      this.deadlines.start('unanswered', init.limits.incomingAnswerTimeoutMs, () => this.expire('unanswered'));
    } else {
      const timeout = init.answerTimeoutMs ?? init.limits.outgoingAnswerTimeoutMs;
      this.deadlines.start('answerTimeout', timeout, () => this.expire('answerTimeout'));
    }
  }

  get state(): CallState {
    return this.current;
  }

  get direction(): 'incoming' | 'outgoing' {
    return this.init.direction;
  }

  get leg() {
    return this.init.leg;
  }

  /** A copy of the properties the sandbox mirrors (`call.added`). */
  mirror(): CallProperties {
    return { ...this.properties, headers: { ...this.properties.headers } };
  }

  customData(value: string): void {
    this.properties.customData = value;
  }

  answer(headers: Headers): void {
    if (!this.expectUnanswered('answer', 'incoming')) return;
    this.answering = true;
    this.init.leg.answer(headers);
  }

  ring(headers: Headers): void {
    if (this.expectUnanswered('ring', 'incoming')) this.init.leg.ring(headers);
  }

  startEarlyMedia(headers: Headers): void {
    if (!this.expectUnanswered('startEarlyMedia', 'incoming') || this.current !== 'ALERTING') return;
    this.init.leg.startEarlyMedia(headers);
    this.changeState('PROGRESSING');
    this.deadlines.start('earlyMedia', this.init.limits.earlyMediaMaxMs, () => this.expire('earlyMedia'));
  }

  /** The reference: `reject` triggers `Disconnected` immediately. */
  reject(code: number, headers: Headers): void {
    if (!this.expectUnanswered('reject', 'incoming')) return;
    this.init.leg.reject(code, headers);
    this.end({ event: 'Call.Disconnected', code, headers: {}, by: 'local', hangupReason: hangupReasonFor(code, 'incoming') });
  }

  hangup(headers: Headers): void {
    if (this.current === 'TERMINATED') return;
    // Once answer() has sent 200 OK the dialog exists, even before the ACK confirms it: BYE, not a final response.
    if (this.current === 'CONNECTED' || this.answering) {
      this.init.leg.hangup(headers);
      this.end({ event: 'Call.Disconnected', code: 200, headers: {}, by: 'local', hangupReason: 'normal' });
    } else if (this.init.direction === 'outgoing') {
      this.init.leg.hangup(headers);
      this.end({ event: 'Call.Failed', code: 487, headers: {}, by: 'local', hangupReason: 'cancel' });
    } else {
      // An incoming call hung up before the answer is declined (RFC 3261 section 21.6.2: 603 Decline).
      this.init.leg.reject(603, headers);
      this.end({ event: 'Call.Disconnected', code: 603, headers: {}, by: 'local', hangupReason: 'rejected' });
    }
  }

  /** Ends the call because its session is going away (terminate, scenario failure): no events reach the scenario. */
  forceEnd(reason: HangupReason): void {
    if (this.current === 'TERMINATED') return;
    if (this.current === 'CONNECTED' || this.answering || this.init.direction === 'outgoing') this.init.leg.hangup({});
    else this.init.leg.reject(reason === 'scenario_error' ? 500 : 480, {});
    this.end({ event: 'Call.Disconnected', code: 200, headers: {}, by: 'local', hangupReason: reason }, { silent: true });
  }

  /** The call's record, keyed engine-wide: a session numbers its calls (call-1, guest-call-1, ...) on its own. */
  buildRecord(sessionId: string): CallRecord {
    return this.record.build(`${sessionId}:${this.id}`, sessionId, this.recording.recordingUrls);
  }

  /** Releases the leg and every timer. Idempotent. */
  close(): void {
    this.deadlines.clearAll();
    if (this.flushTimer) this.init.clock.clearTimer(this.flushTimer);
    this.flushTimer = undefined;
    if (this.legClosed) return;
    this.legClosed = true;
    this.init.leg.close();
  }

  private emit<K extends CallEventName>(name: K, payload: CallEventPayloads[K], mirror?: CallMirrorUpdate): void {
    this.init.observer.callEvent(this.id, name, payload, mirror);
  }

  private changeState(to: CallState, main?: () => void): void {
    const from = this.current;
    if (!canTransition(from, to)) {
      this.log.warn({ from, to }, 'call state transition refused');
      return;
    }
    this.current = to;
    this.properties.state = to;
    this.log.debug({ from, to }, 'call state');
    if (main) main();
    this.emit('Call.StateChanged', { oldState: from, newState: to }, main ? undefined : { state: to });
  }

  private connected(headers: Headers, customData: string | undefined): void {
    if (this.current === 'TERMINATED' || this.current === 'CONNECTED') return;
    this.answering = false;
    this.deadlines.clear('unanswered');
    this.deadlines.clear('earlyMedia');
    this.deadlines.clear('answerTimeout');
    this.record.answered();
    if (customData !== undefined) this.properties.customData = customData;
    this.changeState('CONNECTED', () => {
      this.emit(
        'Call.Connected',
        { customData: customData ?? this.properties.customData, headers, scheme: {} },
        { state: 'CONNECTED', customData: this.properties.customData },
      );
      if (this.init.direction === 'outgoing' && !this.audioStarted) this.startAudio(headers);
    });
    this.playback.connected();
  }

  private startAudio(headers: Headers): void {
    this.audioStarted = true;
    this.emit('Call.AudioStarted', { headers });
  }

  private end(ending: Ending, options: { silent?: boolean } = {}): void {
    if (this.current === 'TERMINATED') return;
    this.answering = false;
    this.deadlines.clearAll();
    this.record.ended(ending.by, ending.hangupReason, ending.code);
    const reason = ending.reason ?? reasonPhrase(ending.code);
    const emitEnding = () => {
      if (options.silent) return;
      if (ending.event === 'Call.Failed') {
        this.emit('Call.Failed', { headers: ending.headers, code: ending.code, reason }, { state: 'TERMINATED' });
        return;
      }
      this.emit(
        'Call.Disconnected',
        {
          headers: ending.headers,
          internalCode: ending.code,
          reason,
          duration: this.record.durationSeconds(),
          cost: 0,
          direction: this.init.direction,
        },
        { state: 'TERMINATED' },
      );
    };
    if (options.silent) {
      this.current = 'TERMINATED';
      this.properties.state = 'TERMINATED';
    } else {
      this.changeState('TERMINATED', emitEnding);
    }
    this.log.info({ code: ending.code, by: ending.by, reason: ending.hangupReason }, 'call ended');
    const awaitingRecording = this.recording.stopForHangup();
    this.init.observer.callEnded(this.id);
    if (!awaitingRecording) this.close();
    else this.flushTimer = this.init.clock.setTimer(() => this.close(), recordingFlushMs);
  }

  private expire(kind: 'unanswered' | 'earlyMedia' | 'answerTimeout'): void {
    this.log.info({ kind }, 'call time limit reached');
    if (kind === 'answerTimeout') {
      this.init.leg.hangup({});
      this.end({ event: 'Call.Failed', code: 408, headers: {}, by: 'local', hangupReason: 'timeout' });
      return;
    }
    // The reference: 408 "Call is not answered within 60 seconds".
    this.init.leg.reject(408, {});
    this.end({ event: 'Call.Disconnected', code: 408, headers: {}, by: 'local', hangupReason: 'noanswer' });
  }

  private expectUnanswered(method: string, direction: 'incoming'): boolean {
    if (this.init.direction !== direction) {
      this.log.warn({ method }, `${method} ignored: the call is not ${direction}`);
      return false;
    }
    if (this.current === 'CONNECTED' || this.current === 'TERMINATED' || this.answering) {
      this.log.warn({ method, state: this.current }, `${method} ignored in this state`);
      return false;
    }
    return true;
  }

  private legDelegate(): CallLegDelegate {
    const live = () => this.current !== 'TERMINATED';
    return {
      ringing: (headers) => {
        if (!live() || this.init.direction !== 'outgoing') return;
        this.record.ringing();
        this.emit('Call.Ringing', { headers });
      },
      earlyMedia: (headers) => {
        if (live() && this.init.direction === 'outgoing' && !this.audioStarted) this.startAudio(headers);
      },
      connected: (headers, customData) => this.connected(headers, customData),
      failed: (code, reason, headers) => {
        const by: HangupBy = 'remote';
        const hangupReason = hangupReasonFor(code, this.init.direction);
        if (this.init.direction === 'outgoing') this.end({ event: 'Call.Failed', code, reason, headers, by, hangupReason });
        else this.end({ event: 'Call.Disconnected', code, reason, headers, by, hangupReason });
      },
      remoteHangup: (headers) =>
        this.end({ event: 'Call.Disconnected', code: 200, headers, by: 'remote', hangupReason: 'normal' }),
      toneReceived: (tone, type) => live() && this.dtmf.received(tone, type),
      infoReceived: (mimeType, body, headers) => live() && this.emit('Call.InfoReceived', { headers, mimeType, body }),
      messageReceived: (text, headers) => live() && this.emit('Call.MessageReceived', { headers, text }),
      reInviteReceived: (info) => {
        if (!live()) return;
        this.emit('Call.ReInviteReceived', { headers: info.headers, mimeType: info.mimeType, body: info.body });
        if (info.hold === 'hold') this.record.holdState = 'remoteHeld';
        if (info.hold === 'unhold') this.record.holdState = 'none';
        if (info.hold === 'hold') this.emit('Call.OnHold', {});
        if (info.hold === 'unhold') this.emit('Call.OffHold', {});
      },
      reInviteAnswered: (accepted, headers) => {
        if (!live()) return;
        if (accepted) this.emit('Call.ReInviteAccepted', { headers, mimeType: '', body: '' });
        else this.emit('Call.ReInviteRejected', { headers });
      },
      referReceived: (to, headers) => live() && this.transfer.referReceived(to, headers),
      forwarding: () => live() && this.emit('Call.Forwarding', {}),
      playbackReady: () => live() && this.playback.ready(),
      playbackStarted: (duration) => live() && this.playback.started(duration),
      playbackFinished: (error) => live() && this.playback.finished(error),
      // Recording reports still arrive after the end: RecordStopped follows Disconnected.
      recordStarted: (url) => this.recording.started(url),
      recordStopped: (url, duration) => {
        this.recording.stopped(url, duration);
        if (!live()) this.close();
      },
      recordError: (error) => {
        this.recording.error(error);
        if (!live()) this.close();
      },
      transferProgress: (progress) => live() && this.transfer.progress(progress),
      firstAudioPacket: () => live() && this.emit('Call.FirstAudioPacketReceived', {}),
      rtpStopped: () => live() && this.emit('Call.RtpStopped', {}),
      rtpResumed: () => live() && this.emit('Call.RtpResumed', {}),
      toneDetected: (progress, voicemail) =>
        live() && this.emit('Call.ToneDetected', { ProgressTone: progress, VoicemailTone: voicemail }),
      beepDetectionComplete: (frequencies, timeout) => live() && this.detectors.beepComplete(frequencies, timeout),
      beepDetectionError: (reason) => live() && this.detectors.beepError(reason),
      micStatusChanged: (active) => live() && this.detectors.micChanged(active),
      mediaStatistics: (audio) => live() && this.detectors.mediaStatistics(audio),
      audioQuality: (quality) => live() && this.emit('Call.AudioQualityDetected', { quality }),
    };
  }
}

/**
 * A {@link CallLeg} over one SIP dialog and one RTP endpoint: what the engine-side `Call` does becomes SIP responses
 * and requests (RFC 3261), SDP offer/answer (RFC 3264) and media; what the far end does becomes delegate reports, with
 * the custom `X-` headers of the message behind each one. It behaves as the simulated leg does, seen from the `Call`.
 * Create one with `createIncomingSipLeg` / `createOutgoingSipLeg` (sip-leg-factory.ts).
 */
import type { Logger } from 'pino';
import type { AudioSink, MediaInput } from '../media/media-types.js';
import type { RtpEndpoint } from '../media/rtp/rtp-endpoint.js';
import type { SdpNegotiator } from '../media/sdp/sdp-negotiator.js';
import type { SdpAnswerResult } from '../media/sdp/sdp-types.js';
import { formatUri } from '../sip/message/sip-uri.js';
import type { SipResponse } from '../sip/message/response.js';
import { ClientSession } from '../sip/user-agent/client-session.js';
import type { ServerSession } from '../sip/user-agent/server-session.js';
import type { OfferRequest, Termination } from '../sip/user-agent/session-types.js';
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
} from './call-leg.js';
import type { AudioFeedingPort, AudioTappingPort } from './media-audio-port.js';
import type { MediaPort } from './media-port.js';
import { reasonPhrase } from './reason-phrases.js';
import { customHeadersOf, toExtraHeaders } from './sip-headers.js';
import { receiveInfo } from './sip-leg-info.js';
import { SipLegMedia, holdsUs } from './sip-leg-media.js';
import { SipLegReporter } from './sip-leg-reporter.js';
import { SipLegTransfer, type ReplaceableLeg, type ReplacementTarget } from './sip-leg-transfer.js';
import type { SipLegEnvironment } from './sip-leg-types.js';

type LegSession = ServerSession | ClientSession;

export class SipCallLeg implements CallLeg, AudioFeedingPort, AudioTappingPort, ReplaceableLeg {
  private readonly reporter = new SipLegReporter();
  private readonly media: SipLegMedia;
  private readonly transferPart: SipLegTransfer;
  private readonly log: Logger | undefined;
  /** The far end's contact once known: the INVITE's (incoming) or the 2xx's (outgoing), for attended transfer. */
  private remoteContact: string | undefined;
  /** Our dialog has ended, locally or by the far end, and the ending was reported: nothing more is reported. */
  private ended = false;
  private remoteHold = false;
  private answerApplied = false;
  private connected = false;
  private closed = false;

  /** Use the factories; `offerAnswer` is the accepted answer to an incoming INVITE's offer. */
  constructor(
    readonly portId: string,
    readonly direction: CallDirection,
    readonly session: LegSession,
    endpoint: RtpEndpoint,
    sdp: SdpNegotiator,
    env: SipLegEnvironment,
    private readonly offerAnswer?: Extract<SdpAnswerResult, { ok: true }>,
  ) {
    this.log = env.logger?.child({ leg: portId, sipCallId: session.callId });
    this.media = new SipLegMedia(portId, endpoint, sdp, env, this.reporter, this.log);
    this.transferPart = new SipLegTransfer(session, this.reporter, this.log, (request) => replacementOf(request.target));
    this.listen();
  }

  /** The RTP endpoint, for tests and metrics. */
  get endpoint(): RtpEndpoint {
    return this.media.endpoint;
  }

  setDelegate(delegate: CallLegDelegate): void {
    this.reporter.setDelegate(delegate);
  }

  // ---- an incoming call's answer (RFC 3261 section 13.3.1) ----

  ring(headers: Headers): void {
    this.incoming('ring', (session) => session.ring(undefined, toExtraHeaders(headers)));
  }

  /** 183 with our SDP answer; the RTP stream starts now, so prompts reach the caller before the answer. */
  startEarlyMedia(headers: Headers): void {
    const answer = this.offerAnswer;
    if (!answer) {
      // Without an offer there is nothing to answer in a 183 (no reliable provisional responses, RFC 3262): ring.
      this.ring(headers);
      return;
    }
    this.incoming('startEarlyMedia', (session) => {
      this.media.configure(answer.audio);
      session.progress(answer.sdp, toExtraHeaders(headers));
    });
  }

  /** 200 with the SDP answer (or our offer, for an INVITE without one); `connected` follows the ACK. */
  answer(headers: Headers): void {
    this.incoming('answer', (session) => {
      const answer = this.offerAnswer;
      if (answer) this.media.configure(answer.audio);
      session.accept(answer ? answer.sdp : this.media.createOffer(), toExtraHeaders(headers));
    });
  }

  reject(code: number, headers: Headers): void {
    this.incoming('reject', (session) => {
      this.ended = true;
      session.reject(code, undefined, toExtraHeaders(headers));
    });
  }

  /** BYE once the dialog is confirmed; before that CANCEL (outgoing) or 603 Decline (incoming, RFC 3261 21.6.2). */
  hangup(headers: Headers): void {
    if (this.closed) return;
    this.ended = true;
    this.media.stopPlayback();
    const session = this.session;
    if (session.state === 'terminated') return;
    if (session.state === 'confirmed') session.bye(toExtraHeaders(headers));
    else if (isClient(session)) session.cancel();
    else this.guard('hangup', () => session.reject(603, undefined, toExtraHeaders(headers)));
  }

  // ---- media ----

  play(source: PlaybackSource): void {
    this.media.play(source);
  }

  stopPlayback(): void {
    this.media.stopPlayback();
  }

  startRecording(options: RecordingOptions): void {
    this.media.startRecording(options);
  }

  stopRecording(): void {
    this.media.stopRecording();
  }

  setDtmfDetection(enabled: boolean, types: readonly DtmfType[]): void {
    this.media.setDtmfDetection(enabled, types);
  }

  sendDigits(digits: string): void {
    this.media.sendDigits(digits);
  }

  connectFrom(source: MediaPort): void {
    this.media.connectFrom(source);
  }

  disconnectFrom(source: MediaPort): void {
    this.media.disconnectFrom(source);
  }

  feedAudioTo(input: MediaInput): void {
    this.media.feedAudioTo(input);
  }

  stopAudioTo(input: MediaInput): void {
    this.media.stopAudioTo(input);
  }

  tapReceivedAudio(sink: AudioSink): void {
    this.media.tapReceivedAudio(sink);
  }

  untapReceivedAudio(sink: AudioSink): void {
    this.media.untapReceivedAudio(sink);
  }

  // ---- requests inside the dialog ----

  sendInfo(mimeType: string, body: string, headers: Headers): void {
    this.inDialog('sendInfo', () => this.session.info({ body, contentType: mimeType, headers: toExtraHeaders(headers) }));
  }

  /** RFC 3428 MESSAGE inside the dialog, as text/plain. */
  sendMessage(text: string): void {
    this.inDialog('sendMessage', () => this.session.message({ body: text, contentType: 'text/plain;charset=UTF-8' }));
  }

  transfer(request: TransferRequest): void {
    if (!this.closed) this.transferPart.transfer(request);
  }

  notifyBlindTransfer(result: BlindTransferResult): void {
    if (!this.closed) this.transferPart.notify(result);
  }

  // ---- detectors the SIP leg does not provide ----

  setBeepDetection(options: BeepDetectionOptions | null): void {
    if (options) this.reporter.report((d) => d.beepDetectionError('beep detection is not supported on SIP legs'));
  }

  setMicStatusDetection(enabled: boolean): void {
    if (enabled) this.log?.info('microphone status detection is not supported on SIP legs');
  }

  setMediaStatistics(intervalSeconds: number | null): void {
    if (intervalSeconds !== null) this.log?.info('media statistics are not reported on SIP legs');
  }

  /** Ends the dialog if it is still up (BYE, CANCEL or 480), then releases player, recorder and RTP ports. Idempotent. */
  close(): void {
    if (this.closed) return;
    if (this.session.state !== 'terminated') this.hangup({});
    this.closed = true;
    this.reporter.close();
    this.media.close();
  }

  /** The dialog this leg holds, as the target of an attended transfer (RFC 3891). */
  replacementTarget(): ReplacementTarget | undefined {
    const replaces = this.session.dialogId;
    if (!replaces || !this.remoteContact) return undefined;
    return { uri: this.remoteContact, replaces };
  }

  // ---- what the far end does ----

  private listen(): void {
    const session = this.session;
    session.on('bye', (request) => this.end(() => this.reporter.report((d) => d.remoteHangup(customHeadersOf(request)))));
    session.on('info', (request) => receiveInfo(request, this.media, this.reporter));
    session.on('message', (request) => {
      const headers = customHeadersOf(request);
      this.reporter.report((d) => d.messageReceived(request.bodyText, headers));
    });
    session.on('reinvite', (offer) => this.receiveOffer(offer));
    session.on('update', (offer) => this.receiveOffer(offer));
    session.on('refer', (refer) => this.transferPart.received(refer));
    session.on('referProgress', (progress) => this.transferPart.progress(progress));
    session.on('terminated', (termination) => this.terminated(termination));
    if (isClient(session)) this.listenAsCaller(session);
    else this.listenAsCallee(session);
  }

  private listenAsCallee(session: ServerSession): void {
    const contact = session.request.contact;
    if (contact !== '*' && contact[0]) this.remoteContact = formatUri(contact[0].uri);
    session.on('ack', (ack) => {
      // An INVITE without an offer gets its answer in the ACK (section 13.2.1).
      if (!this.offerAnswer && session.remoteSdp !== undefined) this.media.applyAnswer(session.remoteSdp);
      const headers = customHeadersOf(ack);
      this.connected = true;
      this.reporter.report((d) => d.connected(headers));
    });
    session.on('cancel', (cancel) => {
      const headers = customHeadersOf(cancel);
      this.end(() => this.reporter.report((d) => d.failed(487, reasonPhrase(487), headers)));
    });
  }

  private listenAsCaller(session: ClientSession): void {
    session.on('progress', (response, sdp) => {
      const headers = customHeadersOf(response);
      // RFC 3261 section 21.1.3: 181 Call Is Being Forwarded is VoxEngine's Forwarding; 180 and 182 (queued) ring.
      if (response.status === 181) this.reporter.report((d) => d.forwarding());
      else if (response.status === 180 || response.status === 182) this.reporter.report((d) => d.ringing(headers));
      if (sdp !== undefined && this.applyAnswerOnce(sdp)) this.reporter.report((d) => d.earlyMedia(headers));
    });
    session.on('accepted', (response, sdp) => this.accepted(session, response, sdp));
    session.on('failed', (failure, response) => {
      const status = failure.status ?? 500;
      const reason = response?.reason ?? failure.reason ?? reasonPhrase(status);
      const headers = customHeadersOf(response);
      this.end(() => this.reporter.report((d) => d.failed(status, reason, headers)));
    });
  }

  private accepted(session: ClientSession, response: SipResponse, sdp: string | undefined): void {
    const contact = response.contact;
    if (contact !== '*' && contact[0]) this.remoteContact = formatUri(contact[0].uri);
    // RFC 3264 section 4: an answer already given in a 183 stands; the 2xx repeats it.
    if (!this.answerApplied && (sdp === undefined || !this.applyAnswerOnce(sdp))) {
      this.log?.warn('the answer carries no usable SDP: hanging up');
      session.bye([['Reason', 'SIP;cause=488;text="Not Acceptable Here"']]);
      this.end(() => this.reporter.report((d) => d.failed(488, reasonPhrase(488), {})));
      return;
    }
    const headers = customHeadersOf(response);
    this.connected = true;
    this.reporter.report((d) => d.connected(headers));
  }

  private applyAnswerOnce(sdp: string): boolean {
    if (this.answerApplied) return true;
    this.answerApplied = this.media.applyAnswer(sdp);
    return this.answerApplied;
  }

  /**
   * RFC 3261 section 14.2 re-INVITE (or RFC 3311 UPDATE): answer the new offer from the media layer; the direction it
   * leaves us tells hold (sendonly/inactive/c=0.0.0.0 from the far end) and resume.
   */
  private receiveOffer(offer: OfferRequest): void {
    const headers = customHeadersOf(offer.request);
    if (offer.sdp === undefined) {
      offer.accept(this.session.localSdp);
      this.reporter.report((d) => d.reInviteReceived({ hold: 'none', headers, mimeType: '', body: '' }));
      return;
    }
    const result = this.media.answerOffer(offer.sdp);
    if (!result.ok) {
      offer.reject(result.status, result.reason, [['Warning', `${result.warningCode} callscript "${result.reason}"`]]);
      return;
    }
    this.media.configure(result.audio);
    offer.accept(result.sdp);
    const held = holdsUs(result.audio);
    const hold = held === this.remoteHold ? 'none' : held ? 'hold' : 'unhold';
    this.remoteHold = held;
    const body = offer.sdp;
    this.reporter.report((d) => d.reInviteReceived({ hold, headers, mimeType: 'application/sdp', body }));
  }

  /** The dialog ended in a way no other event reported (timeouts, transport errors, a 481 to our request). */
  private terminated(termination: Termination): void {
    this.media.stopPlayback();
    const status = termination.status ?? 500;
    const reason = termination.reason ?? reasonPhrase(status);
    const wasConnected = this.connected;
    this.end(() => this.reporter.report((d) => (wasConnected ? d.remoteHangup({}) : d.failed(status, reason, {}))));
  }

  private end(report: () => void): void {
    if (this.ended) return;
    this.ended = true;
    report();
  }

  private incoming(operation: string, fn: (session: ServerSession) => void): void {
    const session = this.session;
    if (this.closed || isClient(session)) {
      this.log?.warn({ operation }, `${operation} ignored: not an open incoming leg`);
      return;
    }
    this.guard(operation, () => fn(session));
  }

  private inDialog(operation: string, send: () => Promise<unknown>): void {
    if (this.closed) return;
    this.guard(operation, () => {
      send().catch((error: unknown) => this.log?.warn({ err: error, operation }, `${operation} failed`));
    });
  }

  /** A SIP-state refusal (e.g. answering a cancelled call) is logged, never thrown into the call layer. */
  private guard(operation: string, fn: () => void): void {
    try {
      fn();
    } catch (error) {
      this.log?.warn({ err: error, operation }, `${operation} refused by the SIP session`);
    }
  }
}

function isClient(session: LegSession): session is ClientSession {
  return session instanceof ClientSession;
}

/** Any leg that can name its SIP dialog (a `SipCallLeg`, or a wrapper around one) can be an attended transfer's target. */
function replacementOf(target: CallLeg): ReplacementTarget | undefined {
  const candidate = target as Partial<ReplaceableLeg>;
  return typeof candidate.replacementTarget === 'function' ? candidate.replacementTarget() : undefined;
}

import { randomBytes } from 'node:crypto';
import type { TimerHandle } from '../../clock.js';
import { Dialog } from '../dialog/dialog.js';
import { newTag } from '../dialog/dialog-id.js';
import { createCancel, createRequest } from '../message/create-request.js';
import type { SipRequest } from '../message/request.js';
import type { SipResponse } from '../message/response.js';
import { transactionTimeout } from '../transaction/timer-config.js';
import type { TransportProtocol } from '../transport/transport-types.js';
import { DialogSession, sdpOf } from './dialog-session.js';
import type { SessionHost } from './session-host.js';
import type { ClientSessionEvents, ExtraHeaders, Termination } from './session-types.js';

/** Answers a 401/407 challenge: the headers to add to the retried request, or null when it cannot. */
export type ChallengeResponder = (request: SipRequest, challenge: SipResponse) => readonly (readonly [name: string, value: string])[] | null;

export interface InviteOptions {
  /** The Request-URI, e.g. `sip:+15551234567@trunk.example.com;transport=tcp`. */
  readonly uri: string;
  /** From: a name-addr or URI of the caller. */
  readonly from: string;
  /** To: defaults to the Request-URI. */
  readonly to?: string;
  readonly sdp?: string;
  readonly headers?: ExtraHeaders;
  readonly callId?: string;
  /** CANCEL when no final response came in this time (VoxEngine's answer timeout). */
  readonly answerTimeoutMs?: number;
  /** Digest credentials for this call, overriding the user agent's. */
  readonly credentials?: { readonly username: string; readonly password: string; readonly realm?: string };
  /** A pre-loaded route set (section 8.1.2), e.g. an outbound proxy as `<sip:proxy.example.com;lr>`. */
  readonly routes?: readonly string[];
}

/**
 * An outgoing INVITE and the dialog it creates (RFC 3261 section 13.2): provisional and final responses, CANCEL
 * (section 9.1), digest challenges (section 22.2), then the in-dialog life the base class handles.
 */
export class ClientSession extends DialogSession<ClientSessionEvents> {
  private invite: SipRequest;
  private ackData: { ack: SipRequest; data: Buffer } | undefined;
  /** ACKs of the extra dialogs of a forked INVITE, by To tag, re-sent if their 2xx is retransmitted. */
  private readonly droppedForks = new Map<string, { ack: SipRequest; data: Buffer }>();
  private provisionalSeen = false;
  private cancelRequested = false;
  private finalSeen = false;
  private answerTimer: TimerHandle | undefined;
  private cancelTimer: TimerHandle | undefined;
  private challenges = 0;
  private inviteTransaction: { terminate(): void } | undefined;

  constructor(
    host: SessionHost,
    private readonly options: InviteOptions,
    private readonly respondToChallenge: ChallengeResponder | undefined,
    protocol: TransportProtocol,
  ) {
    const callId = options.callId ?? `${randomBytes(12).toString('hex')}`;
    super(host, callId, protocol);
    this.invite = createRequest({
      method: 'INVITE',
      uri: options.uri,
      from: `${asNameAddr(options.from)};tag=${newTag()}`,
      to: asNameAddr(options.to ?? options.uri),
      callId,
      cseq: 1 + Math.floor(Math.random() * 0xffff),
      contact: [host.contact(protocol)],
      routes: options.routes,
      headers: [['Allow', host.allow], ...(options.headers ?? [])],
      body: options.sdp,
      contentType: options.sdp === undefined ? undefined : 'application/sdp',
    });
    if (options.sdp !== undefined) this.localSdp = options.sdp;
  }

  get request(): SipRequest {
    return this.invite;
  }

  /** Sends the INVITE. Throws RequestTargetError when the URI names nowhere we can send to. */
  start(): void {
    this.transition('early');
    this.send(this.invite);
    if (this.options.answerTimeoutMs !== undefined) {
      this.answerTimer = this.host.clock.setTimer(() => {
        this.answerTimer = undefined;
        this.cancelInvite({ cause: 'timeout', status: 408, reason: 'Answer Timeout' });
      }, this.options.answerTimeoutMs);
    }
  }

  /** Gives up before the answer (CANCEL), or hangs up after it (BYE). Idempotent. */
  cancel(): void {
    if (this.state === 'confirmed') this.bye();
    else this.cancelInvite({ cause: 'local-cancel', status: 487 });
  }

  /** A 2xx retransmission after the INVITE transaction ended: the ACK was lost, send it again (13.2.2.4). */
  receiveStray2xx(): void {
    if (this.ackData) this.host.resendAck(this.ackData.ack, this.ackData.data);
  }

  protected override answerChallenge(request: SipRequest, challenge: SipResponse): readonly (readonly [string, string])[] | null {
    return this.respondToChallenge?.(request, challenge) ?? null;
  }

  protected override onTerminated(): void {
    this.clearTimers();
  }

  /**
   * Section 9.1: "If no provisional response has been received, the CANCEL request MUST NOT be sent; rather, the
   * client MUST wait for the arrival of a provisional response before sending the request."
   */
  private cancelInvite(termination: Termination): void {
    if (this.finalSeen || this.state === 'terminated' || this.cancelRequested) return;
    this.cancelRequested = true;
    if (this.provisionalSeen) this.sendCancel();
    this.emit('failed', termination, undefined);
    this.terminate(termination);
    // Section 9.1: "If no final response is received after 64*T1 seconds, the client transaction SHOULD be
    // terminated" (a broken peer would otherwise keep it in Proceeding for ever).
    this.cancelTimer = this.host.clock.setTimer(() => {
      this.cancelTimer = undefined;
      if (!this.finalSeen) this.inviteTransaction?.terminate();
    }, transactionTimeout(this.host.timers));
  }

  private sendCancel(): void {
    const cancel = createCancel(this.invite);
    this.host.sendCancel(cancel, { onResponse: () => undefined, onTimeout: () => undefined, onTransportError: () => undefined });
  }

  private send(request: SipRequest): void {
    this.inviteTransaction = this.host.sendRequest(request, {
      onResponse: ({ message }) => this.receiveResponse(request, message),
      onTimeout: () => this.fail({ cause: 'timeout', status: 408, reason: 'Request Timeout' }, undefined),
      onTransportError: (error) => this.fail({ cause: 'transport-error', status: 503, reason: error.message }, undefined),
    });
  }

  private receiveResponse(request: SipRequest, response: SipResponse): void {
    if (request !== this.invite) return;
    const status = response.status;
    if (status < 200) {
      if (!this.provisionalSeen && this.cancelRequested) this.sendCancel();
      this.provisionalSeen = true;
      if (status > 100 && this.state === 'early') this.emit('progress', response, sdpOf(response));
      return;
    }
    if (status < 300) {
      this.receive2xx(request, response);
      return;
    }
    this.finalSeen = true;
    if ((status === 401 || status === 407) && this.retryWithCredentials(response)) return;
    if (this.cancelRequested) return;
    this.fail({ cause: 'rejected', status, reason: response.reason }, response);
  }

  private receive2xx(request: SipRequest, response: SipResponse): void {
    if (this.ackData) {
      if (this.dialog && response.to.tag !== this.dialog.state.remoteTag) this.dropForkedDialog(request, response);
      // A retransmitted 2xx: the ACK was lost.
      else this.host.resendAck(this.ackData.ack, this.ackData.data);
      return;
    }
    this.finalSeen = true;
    this.clearTimers();
    this.dialog = Dialog.forUac(request, response);
    const ack = this.dialog.createRequest('ACK', { seq: request.cseq.seq });
    ack.setBody(Buffer.alloc(0));
    this.dialog.refreshTarget(response);
    this.ackData = { ack, data: this.host.sendAck(ack) };
    if (this.cancelRequested) {
      // Section 9.1 race: the callee answered while our CANCEL was in flight; "the UAC ... SHOULD ... send a BYE".
      void this.sendInDialog('BYE').catch(() => undefined);
      return;
    }
    this.host.registerDialog(this.dialog.key, this);
    this.transition('confirmed');
    const answer = sdpOf(response);
    if (answer !== undefined) this.remoteSdp = answer;
    this.emit('accepted', response, answer);
  }

  /**
   * Section 13.2.2.4: a forked INVITE may be answered by several UASs. "If the UAC does not want to accept the
   * session" of a later 2xx, it still ACKs it and then "MUST ... send a BYE" to end that dialog. The first answer
   * wins; the others are ACKed and hung up here without the owner ever seeing them.
   */
  private dropForkedDialog(request: SipRequest, response: SipResponse): void {
    const tag = response.to.tag ?? '';
    const known = this.droppedForks.get(tag);
    if (known) {
      this.host.resendAck(known.ack, known.data);
      return;
    }
    const fork = Dialog.forUac(request, response);
    const ack = fork.createRequest('ACK', { seq: request.cseq.seq });
    ack.setBody(Buffer.alloc(0));
    this.droppedForks.set(tag, { ack, data: this.host.sendAck(ack) });
    const bye = fork.createRequest('BYE');
    bye.setBody(Buffer.alloc(0));
    this.host.sendRequest(bye, { onResponse: () => undefined, onTimeout: () => undefined, onTransportError: () => undefined });
  }

  /**
   * Section 22.2: "When a UAC resubmits a request with its credentials after receiving a 401 or 407 response, it
   * MUST increment the CSeq header field value as it would normally when sending an updated request." The digest client
   * refuses to answer a repeated challenge for credentials already refused, so a wrong password never loops.
   */
  private retryWithCredentials(challenge: SipResponse): boolean {
    if (!this.respondToChallenge || this.challenges >= 3 || this.cancelRequested) return false;
    const authorization = this.respondToChallenge(this.invite, challenge);
    if (!authorization) return false;
    this.challenges++;
    const retry = createRequest({
      method: 'INVITE',
      uri: this.invite.uri,
      from: this.invite.header('From')!,
      to: this.invite.header('To')!,
      callId: this.invite.callId,
      cseq: this.invite.cseq.seq + 1,
      contact: this.invite.headers('Contact'),
      routes: this.invite.headers('Route'),
      headers: [
        ...this.invite.headerFields()
          .filter((field) => !STRUCTURAL.has(field.key))
          .map((field) => [field.name, field.value] as const),
        ...authorization,
      ],
      body: this.invite.body,
      contentType: this.invite.header('Content-Type'),
    });
    this.invite = retry;
    this.finalSeen = false;
    this.provisionalSeen = false;
    this.send(retry);
    return true;
  }

  private fail(termination: Termination, response: SipResponse | undefined): void {
    if (this.state === 'terminated') return;
    this.emit('failed', termination, response);
    this.terminate(termination);
  }

  private clearTimers(): void {
    if (this.answerTimer) this.host.clock.clearTimer(this.answerTimer);
    if (this.cancelTimer) this.host.clock.clearTimer(this.cancelTimer);
    this.answerTimer = undefined;
    this.cancelTimer = undefined;
  }
}

/** Headers the retried INVITE rebuilds itself; everything else is copied over. */
const STRUCTURAL = new Set([
  'via', 'max-forwards', 'route', 'from', 'to', 'call-id', 'cseq', 'contact', 'content-length', 'content-type',
  'authorization', 'proxy-authorization',
]);

function asNameAddr(value: string): string {
  return value.includes('<') ? value : `<${value}>`;
}

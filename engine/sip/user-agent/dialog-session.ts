import type { Dialog } from '../dialog/dialog.js';
import { createResponse } from '../message/create-response.js';
import type { SipRequest } from '../message/request.js';
import type { SipResponse } from '../message/response.js';
import type { ServerTransaction } from '../transaction/transaction-table.js';
import type { TransportProtocol } from '../transport/transport-types.js';
import { Invite2xxRetransmitter } from './invite-2xx-retransmitter.js';
import { incomingRefer, referHeaders, referNotify, referProblem, referProgressOf } from './refer.js';
import { SessionError } from './session-error.js';
import type { SessionHost } from './session-host.js';
import type { DialogSessionEvents, ExtraHeaders, OfferRequest, ReplacesTarget, SessionState, Termination } from './session-types.js';
import { TypedEmitter } from './typed-emitter.js';

export interface RequestOptions {
  readonly body?: string;
  readonly contentType?: string;
  readonly headers?: ExtraHeaders;
}

const LEGAL: Record<SessionState, readonly SessionState[]> = {
  initial: ['early', 'confirmed', 'terminated'],
  early: ['confirmed', 'terminated'],
  confirmed: ['terminated'],
  terminated: [],
};

/**
 * What incoming and outgoing INVITE sessions share once their dialog exists (RFC 3261 sections 12-15, RFC 3515,
 * RFC 3311): in-dialog requests both ways, re-INVITE with glare handling, BYE, and the state guard.
 */
export abstract class DialogSession<Events extends DialogSessionEvents> extends TypedEmitter<Events> {
  protected dialog: Dialog | undefined;
  private stateValue: SessionState = 'initial';
  /** The last SDP we sent and the last one the peer sent, for target refreshes and the owner to read. */
  localSdp: string | undefined;
  remoteSdp: string | undefined;
  private outgoingInvite = false;
  private incomingInvite: Invite2xxRetransmitter | 'pending' | undefined;
  private endedWith: Termination | undefined;

  protected constructor(
    protected readonly host: SessionHost,
    readonly callId: string,
    /** The transport the dialog was created over, for our Contact. */
    protected readonly protocol: TransportProtocol,
  ) {
    super((error, event) => host.reportError(error, `session ${callId} listener for '${event}'`));
  }

  get state(): SessionState {
    return this.stateValue;
  }

  get termination(): Termination | undefined {
    return this.endedWith;
  }

  /** The dialog identifiers, for Replaces (RFC 3891) when this session is the target of an attended transfer. */
  get dialogId(): ReplacesTarget | undefined {
    if (!this.dialog) return undefined;
    const { callId, localTag, remoteTag } = this.dialog.state;
    return { callId, toTag: remoteTag, fromTag: localTag, earlyOnly: false };
  }

  /** Emits one of the events every session has; subclasses add their own through `emit`. */
  protected emitDialog<Name extends keyof DialogSessionEvents>(event: Name, ...args: DialogSessionEvents[Name]): void {
    (this.emit as unknown as (event: string, ...rest: unknown[]) => void).call(this, event as string, ...args);
  }

  protected transition(to: SessionState): void {
    const from = this.stateValue;
    if (from === to) return;
    if (!LEGAL[from].includes(to)) throw new SessionError('invalid-state', `session ${this.callId}: ${from} -> ${to}`);
    this.stateValue = to;
  }

  /** Ends the session once: forgets the dialog, emits 'terminated'. */
  protected terminate(termination: Termination): void {
    if (this.stateValue === 'terminated') return;
    this.stateValue = 'terminated';
    this.endedWith = termination;
    if (this.incomingInvite instanceof Invite2xxRetransmitter) this.incomingInvite.stop();
    this.incomingInvite = undefined;
    if (this.dialog) this.host.unregisterDialog(this.dialog.key);
    this.onTerminated();
    this.emitDialog('terminated', termination);
    // Nothing is emitted after 'terminated'. The INVITE's transaction may outlive the session (Timer M, 32 s, to
    // re-ACK a retransmitted 2xx); without this it would keep the session's owner, the whole call, alive as long.
    this.removeAllListeners();
  }

  /** Ends the session without signalling (the user agent is closing): timers stop, 'terminated' fires. Idempotent. */
  shutdown(): void {
    this.terminate({ cause: 'closed' });
  }

  /** The To tag our responses carry (section 8.2.6.2). */
  protected responseTag(): string | undefined {
    return this.dialog?.state.localTag;
  }

  /** Subclass hook: clear whatever pre-answer timers it holds. */
  protected onTerminated(): void {}

  // ---- requests we send ----------------------------------------------------------------------------------------

  /**
   * Hangs up a confirmed session with BYE (section 15.1.1). Idempotent; does nothing before the answer, where a
   * caller cancels (ClientSession.cancel) and a callee rejects (ServerSession.reject).
   */
  bye(headers?: ExtraHeaders): void {
    if (this.stateValue !== 'confirmed' || !this.dialog) return;
    this.terminate({ cause: 'local-bye' });
    void this.sendInDialog('BYE', { headers }).catch(() => undefined);
  }

  /**
   * Sends a re-INVITE with a new offer (hold, unhold, codec change); resolves with the peer's answer.
   * Section 14.1: "a UAC MUST NOT initiate a re-INVITE transaction while another INVITE transaction is in progress
   * in either direction".
   */
  async reinvite(sdp: string, headers?: ExtraHeaders): Promise<{ response: SipResponse; sdp: string | undefined }> {
    this.assertConfirmed();
    // An answered incoming re-INVITE awaiting only its ACK no longer counts: its transaction is complete.
    if (this.outgoingInvite || this.incomingInvite === 'pending') {
      throw new SessionError('request-pending', 'an INVITE transaction is in progress');
    }
    this.outgoingInvite = true;
    try {
      const response = await this.sendInDialog('INVITE', { body: sdp, contentType: 'application/sdp', headers });
      if (response.status >= 300) throw new SessionError('rejected', `re-INVITE answered ${response.status}`, response.status);
      this.localSdp = sdp;
      const answer = sdpOf(response);
      if (answer !== undefined) this.remoteSdp = answer;
      return { response, sdp: answer };
    } finally {
      this.outgoingInvite = false;
    }
  }

  /** RFC 3311 UPDATE: a new offer inside the dialog without re-INVITE (e.g. during early media). */
  async update(sdp: string, headers?: ExtraHeaders): Promise<{ response: SipResponse; sdp: string | undefined }> {
    this.assertConfirmed();
    const response = await this.sendInDialog('UPDATE', { body: sdp, contentType: 'application/sdp', headers });
    if (response.status >= 300) throw new SessionError('rejected', `UPDATE answered ${response.status}`, response.status);
    this.localSdp = sdp;
    const answer = sdpOf(response);
    if (answer !== undefined) this.remoteSdp = answer;
    this.dialog?.refreshTarget(response);
    return { response, sdp: answer };
  }

  info(options: RequestOptions): Promise<SipResponse> {
    this.assertConfirmed();
    return this.sendInDialog('INFO', options);
  }

  message(options: RequestOptions): Promise<SipResponse> {
    this.assertConfirmed();
    return this.sendInDialog('MESSAGE', options);
  }

  /**
   * RFC 3515 REFER: asks the peer to call `target` (blind transfer), or with `replaces` to replace that dialog
   * (attended transfer, RFC 3891). Progress arrives as 'referProgress' events from the peer's NOTIFYs.
   */
  refer(target: string, options: { replaces?: ReplacesTarget; referredBy?: string } = {}): Promise<SipResponse> {
    this.assertConfirmed();
    return this.sendInDialog('REFER', { headers: referHeaders(target, options) });
  }

  /**
   * Sends any other in-dialog request (OPTIONS, a custom method ...) and resolves with its final response. INVITE,
   * BYE, ACK and CANCEL have their own methods, which keep the session's state right.
   */
  sendRequest(method: string, options: RequestOptions = {}): Promise<SipResponse> {
    if (['INVITE', 'BYE', 'ACK', 'CANCEL'].includes(method)) {
      return Promise.reject(new SessionError('invalid-state', `use the session's own method for ${method}`));
    }
    this.assertConfirmed();
    return this.sendInDialog(method, options);
  }

  /** Sends a request inside the dialog; resolves with its final response (section 12.2.1). */
  protected sendInDialog(method: string, options: RequestOptions = {}, authorization: ExtraHeaders = []): Promise<SipResponse> {
    const dialog = this.dialog;
    if (!dialog) return Promise.reject(new SessionError('invalid-state', `no dialog for ${method}`));
    const isTargetRefresh = method === 'INVITE' || method === 'UPDATE';
    const request = dialog.createRequest(method, { contact: isTargetRefresh ? this.host.contact(this.protocol) : undefined });
    for (const [name, value] of [...(options.headers ?? []), ...authorization]) request.addHeader(name, value);
    if (options.body !== undefined) request.setBody(options.body, options.contentType);
    else request.setBody(Buffer.alloc(0));
    return new Promise((resolve, reject) => {
      try {
        this.host.sendRequest(request, {
          onResponse: ({ message }) => {
            if (message.status < 200) return;
            // Section 22.2: a challenged request is re-sent once with credentials and a new CSeq (trunks that
            // challenge BYE or re-INVITE); a second challenge is the answer.
            const credentials = authorization.length === 0 && (message.status === 401 || message.status === 407) ? this.answerChallenge(request, message) : null;
            if (credentials) {
              this.sendInDialog(method, options, credentials).then(resolve, reject);
              return;
            }
            if (method === 'INVITE' && message.status < 300) this.acknowledge(request, message);
            // Section 12.2.1.2: "If the response for a request within a dialog is a 481 or a 408, the UAC SHOULD
            // terminate the dialog."
            if ((message.status === 481 || message.status === 408) && method !== 'BYE') {
              this.terminate({ cause: 'failed', status: message.status, reason: message.reason });
            }
            resolve(message);
          },
          onTimeout: () => {
            if (method !== 'BYE') this.terminate({ cause: 'timeout', status: 408 });
            reject(new SessionError('timeout', `${method} timed out`));
          },
          onTransportError: (error) => {
            if (method !== 'BYE') this.terminate({ cause: 'transport-error' });
            reject(new SessionError('transport-error', `${method}: ${error.message}`));
          },
        });
      } catch (error) {
        reject(error);
      }
    });
  }

  /** Credentials for a 401/407 to an in-dialog request; only a session that holds some (an outgoing call) has them. */
  protected answerChallenge(_request: SipRequest, _challenge: SipResponse): ExtraHeaders | null {
    return null;
  }

  /** Section 13.2.2.4: the ACK for a 2xx "MUST contain the same CSeq sequence number" and is sent end to end. */
  protected acknowledge(invite: SipRequest, response: SipResponse): void {
    const dialog = this.dialog;
    if (!dialog) return;
    dialog.refreshTarget(response);
    const ack = dialog.createRequest('ACK', { seq: invite.cseq.seq });
    ack.setBody(Buffer.alloc(0));
    this.host.sendAck(ack);
  }

  private assertConfirmed(): void {
    if (this.stateValue === 'terminated') throw new SessionError('terminated', `session ${this.callId} has ended`);
    if (this.stateValue !== 'confirmed') throw new SessionError('invalid-state', `session ${this.callId} is ${this.stateValue}`);
  }

  // ---- requests we receive -------------------------------------------------------------------------------------

  receiveRequest(request: SipRequest, transaction: ServerTransaction | undefined): void {
    if (request.method === 'ACK') {
      this.receiveAck(request);
      return;
    }
    if (!transaction) return;
    const dialog = this.dialog;
    if (!dialog || !dialog.acceptRemoteSeq(request)) {
      this.answer(transaction, request, 500, 'Request Out Of Order');
      return;
    }
    switch (request.method) {
      case 'BYE':
        // Section 15.1.2: "the UAS MUST generate a 2xx response to the BYE, and MUST pass that to the server
        // transaction".
        this.answer(transaction, request, 200);
        this.emitDialog('bye', request);
        this.terminate({ cause: 'remote-bye' });
        return;
      case 'INVITE':
        this.receiveReinvite(request, transaction);
        return;
      case 'UPDATE':
        this.receiveOffer('update', request, transaction);
        return;
      case 'REFER':
        this.receiveRefer(request, transaction);
        return;
      case 'NOTIFY':
        this.answer(transaction, request, 200);
        this.receiveNotify(request);
        return;
      case 'INFO':
      case 'MESSAGE':
        this.answer(transaction, request, 200);
        this.emitDialog(request.method === 'INFO' ? 'info' : 'message', request);
        return;
      case 'OPTIONS':
        this.answer(transaction, request, 200, undefined, [['Allow', this.host.allow], ['Accept', 'application/sdp']]);
        return;
      default:
        this.answer(transaction, request, 405, undefined, [['Allow', this.host.allow]]);
    }
  }

  /** Subclasses take the ACK of their initial 2xx; re-INVITE 2xx ACKs land here. */
  protected receiveAck(request: SipRequest): void {
    const retransmitter = this.incomingInvite;
    if (!(retransmitter instanceof Invite2xxRetransmitter) || retransmitter.seq !== request.cseq.seq) return;
    retransmitter.stop();
    this.incomingInvite = undefined;
    // An offerless re-INVITE: our 2xx carried the offer, the ACK carries the answer (RFC 3264 section 4).
    const answer = sdpOf(request);
    if (answer !== undefined) this.remoteSdp = answer;
  }

  /**
   * Section 14.2: "A UAS that receives a second INVITE before it sends the final response to a first INVITE with a
   * lower CSeq sequence number on the same dialog MUST return a 500 (Server Internal Error) response ... MUST
   * include a Retry-After header field". "A UAS that receives an INVITE on a dialog while an INVITE it had sent on
   * that dialog is in progress MUST return a 491 (Request Pending) response".
   */
  private receiveReinvite(request: SipRequest, transaction: ServerTransaction): void {
    if (this.outgoingInvite) {
      this.answer(transaction, request, 491);
      return;
    }
    if (this.incomingInvite === 'pending') {
      this.answer(transaction, request, 500, undefined, [['Retry-After', String(1 + Math.floor(Math.random() * 10))]]);
      return;
    }
    this.incomingInvite = 'pending';
    this.receiveOffer('reinvite', request, transaction);
  }

  private receiveOffer(event: 'reinvite' | 'update', request: SipRequest, transaction: ServerTransaction): void {
    let settled = false;
    const isInvite = request.method === 'INVITE';
    const offer: OfferRequest = {
      request,
      sdp: request.body.length > 0 ? request.bodyText : undefined,
      accept: (sdp, headers) => {
        if (settled || this.stateValue === 'terminated') return;
        settled = true;
        this.dialog?.refreshTarget(request);
        if (offer.sdp !== undefined) this.remoteSdp = offer.sdp;
        if (sdp !== undefined) this.localSdp = sdp;
        const response = this.buildResponse(request, 200, undefined, headers, sdp);
        const data = this.host.respond(transaction, response);
        if (isInvite) {
          this.incomingInvite = new Invite2xxRetransmitter(this.host, transaction, data, request.cseq.seq, this.protocol !== 'udp', () => this.bye());
        }
      },
      reject: (status, reason, headers) => {
        if (settled || this.stateValue === 'terminated') return;
        settled = true;
        if (isInvite) this.incomingInvite = undefined;
        this.answer(transaction, request, status, reason, headers);
      },
    };
    if (this.listenerCount(event) === 0) {
      offer.accept(this.localSdp);
      return;
    }
    this.emitDialog(event, offer);
  }

  /** RFC 3515 section 2.4.2: "A UAS accepting a REFER request MUST respond with 202 Accepted" and then NOTIFY. */
  private receiveRefer(request: SipRequest, transaction: ServerTransaction): void {
    const problem = referProblem(request);
    if (problem) {
      this.answer(transaction, request, 400, problem);
      return;
    }
    if (this.listenerCount('refer') === 0) {
      this.answer(transaction, request, 603, 'Declined');
      return;
    }
    this.answer(transaction, request, 202);
    const notify = (status: number, reason = ''): void => {
      if (!this.dialog || this.state === 'terminated') return;
      void this.sendInDialog('NOTIFY', referNotify(request, status, reason)).catch(() => undefined);
    };
    // RFC 3515 section 2.4.5: the first NOTIFY reports the REFER's acceptance as 100 Trying.
    notify(100, 'Trying');
    this.emitDialog('refer', incomingRefer(request, notify));
  }

  private receiveNotify(request: SipRequest): void {
    const progress = referProgressOf(request);
    if (progress) this.emitDialog('referProgress', progress);
    else this.emitDialog('notify', request);
  }

  protected answer(transaction: ServerTransaction, request: SipRequest, status: number, reason?: string, headers?: ExtraHeaders): void {
    this.host.respond(transaction, this.buildResponse(request, status, reason, headers));
  }

  protected buildResponse(request: SipRequest, status: number, reason?: string, headers?: ExtraHeaders, sdp?: string): SipResponse {
    const response = createResponse(request, status, { reason, headers, toTag: this.responseTag() });
    if (status >= 200 && status < 300 && (request.method === 'INVITE' || request.method === 'UPDATE')) {
      response.addHeader('Contact', this.host.contact(this.protocol));
    }
    if (sdp !== undefined) response.setBody(sdp, 'application/sdp');
    return response;
  }
}

export function sdpOf(message: SipRequest | SipResponse): string | undefined {
  return message.body.length > 0 && message.contentType?.mediaType === 'application/sdp' ? message.bodyText : undefined;
}

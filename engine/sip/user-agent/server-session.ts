import { Dialog } from '../dialog/dialog.js';
import { newTag } from '../dialog/dialog-id.js';
import type { SipRequest } from '../message/request.js';
import type { InviteServerTransaction } from '../transaction/invite-server-transaction.js';
import type { MessageSource } from '../transport/transport-types.js';
import { DialogSession, sdpOf } from './dialog-session.js';
import { Invite2xxRetransmitter } from './invite-2xx-retransmitter.js';
import { parseReplaces } from './replaces.js';
import { SessionError } from './session-error.js';
import type { SessionHost } from './session-host.js';
import type { ExtraHeaders, ReplacesTarget, ServerSessionEvents } from './session-types.js';

/**
 * An incoming INVITE and the dialog it creates (RFC 3261 section 13.3): ring, send early media, answer or reject;
 * then the in-dialog life the base class handles. The owner (a call leg) decides everything; this object only
 * speaks SIP.
 */
export class ServerSession extends DialogSession<ServerSessionEvents> {
  /** The SDP offer of the INVITE, if it had one (otherwise our 200 is the offer and the ACK carries the answer). */
  readonly offer: string | undefined;
  /** RFC 3891: the dialog this INVITE asks to replace (attended transfer), when it carries Replaces. */
  readonly replaces: ReplacesTarget | undefined;
  private readonly localTag = newTag();
  private retransmitter: Invite2xxRetransmitter | undefined;
  private acked = false;

  constructor(
    host: SessionHost,
    readonly request: SipRequest,
    private readonly transaction: InviteServerTransaction,
    readonly source: MessageSource,
  ) {
    super(host, request.callId, source.protocol);
    this.offer = sdpOf(request);
    const replaces = request.header('Replaces');
    this.replaces = replaces ? parseReplaces(replaces) : undefined;
    if (this.offer !== undefined) this.remoteSdp = this.offer;
  }

  /** The key the user agent matches a CANCEL against. */
  get transactionKey(): string {
    return this.transaction.key;
  }

  /** 180 Ringing, or 183 Session Progress when `sdp` (early media) is given. */
  ring(sdp?: string, headers?: ExtraHeaders): void {
    this.provisional(sdp === undefined ? 180 : 183, sdp, headers);
  }

  /** 183 Session Progress with early media SDP. */
  progress(sdp: string, headers?: ExtraHeaders): void {
    this.provisional(183, sdp, headers);
  }

  /**
   * Answers 200 with our SDP. Section 13.3.1.4: the UAS core retransmits the 2xx until the ACK comes, and ends the
   * session with BYE if none arrives in 64*T1.
   */
  accept(sdp: string | undefined, headers?: ExtraHeaders): void {
    this.assertUnanswered('accept');
    this.ensureDialog();
    this.transition('confirmed');
    if (sdp !== undefined) this.localSdp = sdp;
    const data = this.host.respond(this.transaction, this.buildResponse(this.request, 200, undefined, headers, sdp));
    this.retransmitter = new Invite2xxRetransmitter(this.host, this.transaction, data, this.request.cseq.seq, this.source.protocol !== 'udp', () => {
      this.retransmitter = undefined;
      void this.sendInDialog('BYE').catch(() => undefined);
      this.terminate({ cause: 'ack-timeout', status: 408 });
    });
  }

  /** A final 3xx-6xx with optional headers (e.g. Retry-After, Warning, Reason). */
  reject(status: number, reason?: string, headers?: ExtraHeaders): void {
    if (status < 300 || status > 699) throw new SessionError('invalid-state', `reject needs a 3xx-6xx status, not ${status}`);
    this.assertUnanswered('reject');
    this.answer(this.transaction, this.request, status, reason, headers);
    this.terminate({ cause: 'rejected', status, reason });
  }

  /** Called by the user agent when a matching CANCEL arrived (section 9.2: answer the INVITE 487). */
  receiveCancel(cancel: SipRequest): void {
    if (this.state !== 'initial' && this.state !== 'early') return;
    this.answer(this.transaction, this.request, 487);
    this.emit('cancel', cancel);
    this.terminate({ cause: 'remote-cancel', status: 487 });
  }

  protected override receiveAck(request: SipRequest): void {
    if (this.retransmitter && request.cseq.seq === this.retransmitter.seq) {
      this.retransmitter.stop();
      this.retransmitter = undefined;
      if (!this.acked) {
        this.acked = true;
        // An offerless INVITE gets its answer in the ACK (section 13.2.1).
        const answer = sdpOf(request);
        if (answer !== undefined) this.remoteSdp = answer;
        this.emit('ack', request);
      }
      return;
    }
    super.receiveAck(request);
  }

  protected override responseTag(): string {
    return this.localTag;
  }

  protected override onTerminated(): void {
    this.retransmitter?.stop();
    this.retransmitter = undefined;
  }

  private provisional(status: number, sdp: string | undefined, headers: ExtraHeaders | undefined): void {
    this.assertUnanswered('ring');
    this.ensureDialog();
    this.transition('early');
    if (sdp !== undefined) this.localSdp = sdp;
    this.host.respond(this.transaction, this.buildResponse(this.request, status, undefined, headers, sdp));
  }

  /** Section 12.1.1: the dialog exists from the first response with a To tag; register it so requests reach us. */
  private ensureDialog(): void {
    if (this.dialog) return;
    this.dialog = Dialog.forUas(this.request, this.localTag);
    this.host.registerDialog(this.dialog.key, this);
  }

  private assertUnanswered(operation: string): void {
    if (this.state === 'terminated') throw new SessionError('terminated', `${operation}: session ${this.callId} has ended`);
    if (this.state === 'confirmed') throw new SessionError('invalid-state', `${operation}: session ${this.callId} is already answered`);
  }
}

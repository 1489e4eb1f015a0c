import type { Clock } from '../../clock.js';
import { createNon2xxAck } from '../message/create-request.js';
import { createParseErrorResponse, createResponse } from '../message/create-response.js';
import { parseMessage } from '../message/parse-message.js';
import { SipRequest } from '../message/request.js';
import { SipResponse } from '../message/response.js';
import { SipParseError } from '../message/sip-parse-error.js';
import { validateRequest, type UasCapabilities } from '../message/validate-request.js';
import { createVia, formatVia, type Via } from '../message/via.js';
import { MAGIC_COOKIE, clientTransactionKey, legacyServerTransactionKey, newBranch, serverTransactionKey } from '../transaction/transaction-keys.js';
import { TransactionTable, type ServerTransaction } from '../transaction/transaction-table.js';
import type { TimerConfig } from '../transaction/timer-config.js';
import type { ClientTransactionUser, TransactionChannel } from '../transaction/transaction-types.js';
import { responseRoute, stampReceived } from '../transport/response-route.js';
import type { ResponseRoute, TransportLayer } from '../transport/transport-layer.js';
import type { MessageSource, TransportProtocol, TransportTarget } from '../transport/transport-types.js';
import { dialogKey } from '../dialog/dialog-id.js';
import { requestTarget } from './request-target.js';
import { ResponseChannel } from './response-channel.js';
import type { DialogRequestHandler, SessionHost } from './session-host.js';

/** RFC 3261 section 18.1.1: above this size (path MTU unknown) a request goes over a congestion-controlled transport. */
const UDP_SIZE_LIMIT = 1300;

/** How the core hands new out-of-dialog requests to the user agent above it. */
export interface CoreRequestHandler {
  /** A new INVITE (no To tag), already answered 100 Trying. */
  onInvite(request: SipRequest, transaction: ServerTransaction, source: MessageSource): void;
  /** A CANCEL that matched a live INVITE server transaction; the CANCEL itself is answered 200 already. */
  onCancel(inviteKey: string, cancel: SipRequest): void;
  /** Any other new request outside a dialog (OPTIONS, MESSAGE, ...), with its transaction to answer on. */
  onOutOfDialog(request: SipRequest, transaction: ServerTransaction): void;
}

export interface UserAgentCoreOptions {
  readonly clock: Clock;
  readonly timers: TimerConfig;
  readonly capabilities: UasCapabilities;
  readonly userAgentName: string;
  /** Answer UDP requests to their source address and port even without rport (RFC 3581 for peers behind NAT). */
  readonly forceRport?: boolean;
}

/**
 * Receives bytes from the transport layer and routes them through transactions (RFC 3261 section 17) and dialogs
 * (section 12); sends requests and responses for the sessions. Malformed input is answered 400 where it can be
 * (section 8.2) and dropped otherwise; nothing received can throw past {@link receive}.
 */
export class UserAgentCore implements SessionHost {
  readonly transactions: TransactionTable<SipResponse>;
  readonly allow: string;
  private readonly dialogs = new Map<string, DialogRequestHandler>();
  private readonly contacts = new Map<TransportProtocol, string>();
  private handler: CoreRequestHandler | undefined;
  private closed = false;
  /** Shared by every server transaction: they only report failures to send a response. */
  private readonly serverUser = { onTransportError: (error: Error): void => this.onError(error, 'send response') };

  constructor(
    private readonly transport: TransportLayer,
    private readonly options: UserAgentCoreOptions,
    private readonly onError: (error: unknown, context: string) => void,
  ) {
    this.transactions = new TransactionTable(options.clock, options.timers);
    this.allow = options.capabilities.methods.join(', ');
  }

  get clock(): Clock {
    return this.options.clock;
  }

  get timers(): TimerConfig {
    return this.options.timers;
  }

  get dialogCount(): number {
    return this.dialogs.size;
  }

  attach(handler: CoreRequestHandler): void {
    this.handler = handler;
  }

  receive(data: Buffer, source: MessageSource): void {
    if (this.closed) return;
    let message: SipRequest | SipResponse;
    try {
      message = parseMessage(data, { maxSize: this.transport.limits.maxMessageSize });
    } catch (error) {
      if (error instanceof SipParseError) this.answerUnparsable(error, source);
      else this.onError(error, 'parse');
      return;
    }
    try {
      if (message instanceof SipResponse) this.receiveResponse(message);
      else this.receiveRequest(message, source);
    } catch (error) {
      // A header that only fails when read deep in a handler: a request gets its 400 if still possible, a malformed
      // response is dropped (section 18.1.2 has no way to answer it), and nothing crashes.
      if (!(error instanceof SipParseError)) this.onError(error, `receive ${message instanceof SipRequest ? message.method : 'response'}`);
      else if (message instanceof SipRequest) this.answerStateless(message, source, 400, error.reason);
    }
  }

  // ---- sending (SessionHost) -----------------------------------------------------------------------------------

  sendRequest(request: SipRequest, user: ClientTransactionUser<SipResponse>): { terminate(): void } {
    const target = requestTarget(request);
    const branch = newBranch();
    let protocol = this.availableProtocol(target.protocol);
    let data = this.stampVia(request, protocol, branch);
    if (protocol === 'udp' && data.length > UDP_SIZE_LIMIT && this.transport.has('tcp')) {
      // Section 18.1.1: "If a request is within 200 bytes of the path MTU, or if it is larger than 1300 bytes and
      // the path MTU is unknown, the request MUST be sent using an RFC 2914 congestion controlled transport".
      protocol = 'tcp';
      request.removeFirstValue('Via');
      data = this.stampVia(request, protocol, branch);
    }
    const channel = this.channel({ ...target, protocol });
    const key = clientTransactionKey(branch, request.cseq.method);
    if (request.method === 'INVITE') {
      return this.transactions.startInviteClient(key, data, channel, user, (response) => createNon2xxAck(request, response).toBuffer());
    }
    return this.transactions.startNonInviteClient(key, data, channel, user);
  }

  sendCancel(cancel: SipRequest, user: ClientTransactionUser<SipResponse>): void {
    const via = cancel.topVia;
    const target = requestTarget(cancel);
    const protocol = via.transport.toLowerCase() as TransportProtocol;
    const key = clientTransactionKey(via.branch ?? '', 'CANCEL');
    this.transactions.startNonInviteClient(key, cancel.toBuffer(), this.channel({ ...target, protocol }), user);
  }

  sendAck(ack: SipRequest): Buffer {
    const target = requestTarget(ack);
    const protocol = this.availableProtocol(target.protocol);
    const data = this.stampVia(ack, protocol, newBranch());
    this.transport.send({ ...target, protocol }, data, (error) => error && this.onError(error, 'send ACK'));
    return data;
  }

  resendAck(ack: SipRequest, data: Buffer): void {
    const target = requestTarget(ack);
    this.transport.send({ ...target, protocol: this.availableProtocol(target.protocol) }, data, (error) => error && this.onError(error, 'resend ACK'));
  }

  respond(transaction: ServerTransaction, response: SipResponse): Buffer {
    const data = response.toBuffer();
    transaction.respond(response.status, data);
    return data;
  }

  retransmitResponse(transaction: ServerTransaction, data: Buffer): void {
    transaction.channel.send(data, (error) => this.onError(error, 'retransmit 2xx'));
  }

  contact(protocol: TransportProtocol): string {
    let contact = this.contacts.get(protocol);
    if (contact === undefined) {
      contact = this.formatContact(protocol);
      this.contacts.set(protocol, contact);
    }
    return contact;
  }

  private formatContact(protocol: TransportProtocol): string {
    const local = this.transport.localTarget(this.availableProtocol(protocol));
    const transportParam = local.protocol === 'udp' ? '' : `;transport=${local.protocol}`;
    const host = local.host.includes(':') ? `[${local.host}]` : local.host;
    return `<${local.protocol === 'tls' ? 'sips' : 'sip'}:${host}:${local.port}${transportParam}>`;
  }

  registerDialog(key: string, session: DialogRequestHandler): void {
    this.dialogs.set(key, session);
  }

  unregisterDialog(key: string): void {
    this.dialogs.delete(key);
  }

  reportError(error: unknown, context: string): void {
    this.onError(error, context);
  }

  /** Answers on a fresh server transaction (so retransmissions of the request are absorbed). */
  answer(transaction: ServerTransaction, request: SipRequest, status: number, reason?: string, headers?: readonly (readonly [string, string])[]): void {
    this.respond(transaction, createResponse(request, status, { reason, headers, toTag: transactionTag(request) }));
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.transactions.close();
    this.dialogs.clear();
  }

  // ---- receiving -----------------------------------------------------------------------------------------------

  private receiveResponse(response: SipResponse): void {
    // Section 18.1.2 / 17.1.3: a response goes to the client transaction named by its top Via branch and CSeq
    // method; one that matches none (a stray, a forged or broadcast Via) is dropped, except a late 2xx to INVITE.
    if (response.status < 100 || response.status > 699) return;
    const branch = response.topVia.branch;
    const method = response.cseq.method;
    const transaction = branch ? this.transactions.findClient(clientTransactionKey(branch, method)) : undefined;
    if (transaction) {
      transaction.receiveResponse({ status: response.status, message: response });
      return;
    }
    if (method === 'INVITE' && response.status >= 200 && response.status < 300) {
      const dialog = this.dialogs.get(dialogKey(response.callId, response.from.tag ?? '', response.to.tag ?? ''));
      dialog?.receiveStray2xx?.(response);
    }
  }

  private receiveRequest(request: SipRequest, source: MessageSource): void {
    const via = request.topVia;
    const stamped = stampReceived(via, source);
    if (stamped) this.rewriteTopVia(request, via, stamped);
    const key = this.serverKey(request, via);

    if (request.method === 'ACK') {
      const transaction = this.transactions.findServer(key);
      if (transaction && 'receiveAck' in transaction && transaction.receiveAck()) return;
      // A 2xx ACK is its own transaction, addressed to the dialog (section 13.3.1.4, 17.2.3 RFC 6026).
      const to = request.to.tag;
      if (to) this.dialogs.get(dialogKey(request.callId, to, request.from.tag ?? ''))?.receiveRequest(request, undefined);
      return;
    }

    const existing = this.transactions.findServer(key);
    if (existing) {
      existing.receiveRetransmission();
      return;
    }

    const transaction = this.createServerTransaction(request, key, source);
    const rejection = validateRequest(request, this.options.capabilities);
    if (rejection) {
      this.answer(transaction, request, rejection.status, rejection.reason, rejection.headers);
      return;
    }

    if (request.method === 'CANCEL') {
      this.receiveCancel(request, via, transaction);
      return;
    }

    const toTag = request.to.tag;
    if (toTag !== undefined) {
      const dialog = this.dialogs.get(dialogKey(request.callId, toTag, request.from.tag ?? ''));
      // Section 12.2.2: "If the UAS wishes to reject the request because it does not wish to recreate the dialog,
      // it MUST respond to the request with a 481 (Call/Transaction Does Not Exist) status code".
      if (!dialog) this.answer(transaction, request, 481);
      else dialog.receiveRequest(request, transaction);
      return;
    }

    if (!this.handler) {
      this.answer(transaction, request, 503);
      return;
    }
    if (request.method === 'INVITE') {
      // Section 17.2.1: the transaction "MUST generate a 100 (Trying) response unless it knows that the TU will
      // generate a provisional or final response within 200 ms". It goes out in the same tick, unless the owner
      // already answered synchronously (which saves a datagram per call under load).
      this.handler.onInvite(request, transaction, source);
      if (!transaction.hasResponded) this.respond(transaction, createResponse(request, 100));
    } else {
      this.handler.onOutOfDialog(request, transaction);
    }
  }

  /**
   * Section 9.2: "the CANCEL request ... matches a transaction if it would match the INVITE it cancels" — same
   * branch and sent-by, method INVITE. "If the UAS did not find a matching transaction for the CANCEL ... it SHOULD
   * respond to the CANCEL with a 481"; one that arrives after the final response "has no effect" but is still
   * answered 200. The 200 for the CANCEL goes first; the 487 for the INVITE is the session's.
   */
  private receiveCancel(cancel: SipRequest, via: Via, transaction: ServerTransaction): void {
    const inviteKey = this.serverKey(cancel, via, 'INVITE');
    const invite = this.transactions.findServer(inviteKey);
    if (!invite) {
      this.answer(transaction, cancel, 481);
      return;
    }
    this.respond(transaction, createResponse(cancel, 200, { toTag: transactionTag(cancel) }));
    if (invite.state === 'proceeding') this.handler?.onCancel(inviteKey, cancel);
  }

  private createServerTransaction(request: SipRequest, key: string, source: MessageSource): ServerTransaction {
    const route = responseRoute(request.topVia, source, this.options.forceRport);
    const channel = new ResponseChannel(this.transport, route, this.transport.isReliable(source.protocol));
    const transaction =
      request.method === 'INVITE'
        ? this.transactions.createInviteServer(key, channel, this.serverUser)
        : this.transactions.createNonInviteServer(key, channel, this.serverUser);
    return transaction;
  }

  private serverKey(request: SipRequest, via: Via, method = request.method): string {
    const branch = via.branch;
    if (branch !== undefined && branch.startsWith(MAGIC_COOKIE) && branch.length > MAGIC_COOKIE.length) {
      return serverTransactionKey(branch, via.port === undefined ? via.host : `${via.host}:${via.port}`, method);
    }
    return legacyServerTransactionKey({
      requestUri: request.uri,
      fromTag: request.from.tag ?? '',
      callId: request.callId,
      cseq: request.cseq.seq,
      topVia: formatVia(via),
      method,
    });
  }

  private rewriteTopVia(request: SipRequest, via: Via, params: Record<string, string | null>): void {
    const stamped = { ...via, params };
    request.removeFirstValue('Via');
    request.prependVia(formatVia(stamped));
  }

  private stampVia(request: SipRequest, protocol: TransportProtocol, branch: string): Buffer {
    const local = this.transport.localTarget(protocol);
    const host = local.host.includes(':') ? `[${local.host}]` : local.host;
    // RFC 3581 section 3: "A client ... MAY include the rport parameter, with no value, in the top Via".
    request.prependVia(createVia({ transport: protocol.toUpperCase(), host, port: local.port, branch, rport: true }));
    if (!request.hasHeader('User-Agent')) request.addHeader('User-Agent', this.options.userAgentName);
    return request.toBuffer();
  }

  private availableProtocol(wanted: TransportProtocol): TransportProtocol {
    if (this.transport.has(wanted)) return wanted;
    if (wanted === 'udp' && this.transport.has('tcp')) return 'tcp';
    return wanted;
  }

  private channel(target: TransportTarget): TransactionChannel {
    return {
      reliable: this.transport.isReliable(target.protocol),
      send: (data, onError) => this.transport.send(target, data, (error) => error && onError(error)),
    };
  }

  /** Section 8.2: a request that failed to parse still gets a 400 naming the problem when its Via survived. */
  private answerUnparsable(error: SipParseError, source: MessageSource): void {
    const response = createParseErrorResponse(error);
    if (!response) return;
    this.sendStateless(response, source);
  }

  private answerStateless(request: SipRequest, source: MessageSource, status: number, reason: string): void {
    if (request.method === 'ACK') return;
    try {
      this.sendStateless(createResponse(request, status, { reason, toTag: transactionTag(request) }), source);
    } catch (error) {
      this.onError(error, 'stateless answer');
    }
  }

  /**
   * A response without a usable Via (the Via itself is what failed to parse) goes back to where the request came
   * from, as rport would send it; that is the only address we know.
   */
  private sendStateless(response: SipResponse, source: MessageSource): void {
    let route: ResponseRoute;
    try {
      route = responseRoute(response.topVia, source, this.options.forceRport);
    } catch {
      route = { protocol: source.protocol, host: source.remoteAddress, port: source.remotePort, connectionId: source.connectionId };
    }
    this.transport.sendResponse(route, response.toBuffer(), (error) => error && this.onError(error, 'stateless answer'));
  }
}

/**
 * A To tag for a response that creates no dialog: stable per request so that retransmitted answers are identical.
 * Section 8.2.6.2 requires a tag on every response but 100 when To has none.
 */
function transactionTag(request: SipRequest): string {
  let hash = 0;
  // Raw values: this also serves requests whose Call-ID or CSeq is malformed (their 400).
  const seed = `${request.header('Call-ID') ?? ''}|${request.header('CSeq') ?? ''}`;
  for (let i = 0; i < seed.length; i++) hash = (hash * 31 + seed.charCodeAt(i)) | 0;
  return (hash >>> 0).toString(36);
}

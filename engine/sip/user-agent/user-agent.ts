import { systemClock } from '../../clock.js';
import { createRequest } from '../message/create-request.js';
import { createResponse } from '../message/create-response.js';
import type { SipRequest } from '../message/request.js';
import type { SipResponse } from '../message/response.js';
import { DEFAULT_UAS_CAPABILITIES } from '../message/validate-request.js';
import { defaultTimerConfig } from '../transaction/timer-config.js';
import type { ServerTransaction } from '../transaction/transaction-table.js';
import type { InviteServerTransaction } from '../transaction/invite-server-transaction.js';
import { TransportLayer } from '../transport/transport-layer.js';
import type { MessageSource, TransportProtocol, TransportTarget } from '../transport/transport-types.js';
import { newTag } from '../dialog/dialog-id.js';
import { DigestClient } from '../auth/digest-client.js';
import { ClientSession, type ChallengeResponder, type InviteOptions } from './client-session.js';
import { uriTarget } from './request-target.js';
import { ServerSession } from './server-session.js';
import { SessionError } from './session-error.js';
import { UserAgentCore, type CoreRequestHandler } from './user-agent-core.js';
import type { UserAgentDelegate, UserAgentOptions, UserAgentStats } from './user-agent-types.js';

/** The methods this user agent implements; PRACK (RFC 3262) is not among them. */
const METHODS = ['INVITE', 'ACK', 'BYE', 'CANCEL', 'OPTIONS', 'INFO', 'MESSAGE', 'REFER', 'NOTIFY', 'UPDATE'];

/**
 * A SIP user agent: transports, transactions and dialogs behind two operations, answering incoming INVITEs
 * (delegate.onInvite -> ServerSession) and placing outgoing ones (invite -> ClientSession). Other requests outside
 * a dialog are answered here: OPTIONS 200, MESSAGE by the delegate, the rest 481/405/501 (RFC 3261 section 8.2).
 */
export class UserAgent implements CoreRequestHandler {
  private readonly pendingInvites = new Map<string, ServerSession>();
  /** Every session not yet terminated, so that close() can end them and their timers. */
  private readonly sessions = new Set<ServerSession | ClientSession>();
  private closed = false;

  private constructor(
    private readonly transport: TransportLayer,
    private readonly core: UserAgentCore,
    private readonly options: UserAgentOptions,
    private readonly delegate: UserAgentDelegate,
  ) {
    core.attach(this);
  }

  static async start(options: UserAgentOptions, delegate: UserAgentDelegate): Promise<UserAgent> {
    const onError = (error: unknown, context: string): void => {
      try {
        delegate.onError?.(error, context);
      } catch {
        // A throwing logger must not take the stack down with it.
      }
    };
    let core: UserAgentCore | undefined;
    const transport = await TransportLayer.start(
      { listen: options.listen, limits: options.limits, tls: options.tls, udpSocketBufferBytes: options.udpSocketBufferBytes },
      {
        onMessage: (data, source) => core?.receive(data, source),
        onTransportError: (error) => onError(error, 'transport'),
      },
    );
    core = new UserAgentCore(
      transport,
      {
        clock: options.clock ?? systemClock,
        timers: { ...defaultTimerConfig, ...options.timers },
        capabilities: { ...DEFAULT_UAS_CAPABILITIES, methods: METHODS },
        userAgentName: options.userAgentName ?? 'callscript',
        forceRport: options.forceRport,
      },
      onError,
    );
    return new UserAgent(transport, core, options, delegate);
  }

  /** The address and port a transport listens on (as advertised in Via and Contact). */
  localTarget(protocol: TransportProtocol): TransportTarget {
    return this.transport.localTarget(protocol);
  }

  get stats(): UserAgentStats {
    return {
      clientTransactions: this.core.transactions.clientCount,
      serverTransactions: this.core.transactions.serverCount,
      dialogs: this.core.dialogCount,
      pendingInvites: this.pendingInvites.size,
      sessions: this.sessions.size,
      openConnections: this.transport.openConnections,
    };
  }

  /** Places a call: sends the INVITE and returns the session that reports its progress. */
  invite(options: InviteOptions): ClientSession {
    this.assertOpen();
    const routes = options.routes ?? (this.options.outboundProxy ? [`<${this.options.outboundProxy};lr>`] : undefined);
    const firstHop = routes?.[0]?.replace(/^[^<]*<|>.*$/g, '') ?? options.uri;
    const session = new ClientSession(this.core, { ...options, routes }, this.challengeResponder(options), uriTarget(firstHop).protocol);
    this.track(session);
    session.start();
    return session;
  }

  /** One digest client per call: its nonce and nonce count live as long as the INVITE's retries. */
  private challengeResponder(options: InviteOptions): ChallengeResponder | undefined {
    const credentials = options.credentials ?? this.options.credentials;
    if (!credentials) return undefined;
    const client = new DigestClient(credentials);
    return (request, challenge) => client.handleChallenge(challenge, request);
  }

  /** Sends an out-of-dialog OPTIONS (a keep-alive or capability probe) and resolves with its final response. */
  ping(uri: string, from: string): Promise<SipResponse> {
    this.assertOpen();
    const request = createRequest({
      method: 'OPTIONS',
      uri,
      from: `<${from}>;tag=${newTag()}`,
      to: `<${uri}>`,
      callId: `${newTag()}${newTag()}`,
      cseq: 1,
      routes: this.options.outboundProxy ? [`<${this.options.outboundProxy};lr>`] : undefined,
    });
    return new Promise((resolve, reject) => {
      this.core.sendRequest(request, {
        onResponse: ({ message }) => message.status >= 200 && resolve(message),
        onTimeout: () => reject(new SessionError('timeout', `OPTIONS ${uri} timed out`)),
        onTransportError: (error) => reject(new SessionError('transport-error', error.message)),
      });
    });
  }

  /** Stops listening, ends every session (cause 'closed', without signalling) and every transaction. Idempotent. */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    for (const session of [...this.sessions]) session.shutdown();
    this.core.close();
    this.transport.close();
    this.pendingInvites.clear();
  }

  // ---- CoreRequestHandler --------------------------------------------------------------------------------------

  onInvite(request: SipRequest, transaction: ServerTransaction, source: MessageSource): void {
    const session = new ServerSession(this.core, request, transaction as InviteServerTransaction, source);
    const key = session.transactionKey;
    this.pendingInvites.set(key, session);
    this.track(session);
    session.on('terminated', () => this.pendingInvites.delete(key));
    session.on('ack', () => this.pendingInvites.delete(key));
    try {
      this.delegate.onInvite(session);
    } catch (error) {
      this.core.reportError(error, 'onInvite');
      if (session.state === 'initial' || session.state === 'early') session.reject(500, 'Server Internal Error');
    }
  }

  onCancel(inviteKey: string, cancel: SipRequest): void {
    this.pendingInvites.get(inviteKey)?.receiveCancel(cancel);
  }

  onOutOfDialog(request: SipRequest, transaction: ServerTransaction): void {
    switch (request.method) {
      case 'OPTIONS':
        // Section 11.2: the response to OPTIONS lists what we support.
        this.core.respond(
          transaction,
          createResponse(request, 200, {
            toTag: newTag(),
            headers: [['Allow', this.core.allow], ['Accept', 'application/sdp'], ['Supported', 'replaces']],
          }),
        );
        return;
      case 'MESSAGE': {
        let status = 200;
        try {
          status = this.delegate.onMessage?.(request) ?? 200;
        } catch (error) {
          this.core.reportError(error, 'onMessage');
          status = 500;
        }
        this.core.answer(transaction, request, status);
        return;
      }
      default:
        // BYE, INFO, UPDATE, NOTIFY, REFER, PRACK without a To tag name no dialog we know.
        this.core.answer(transaction, request, 481);
    }
  }

  private track(session: ServerSession | ClientSession): void {
    this.sessions.add(session);
    session.on('terminated', () => this.sessions.delete(session));
  }

  private assertOpen(): void {
    if (this.closed) throw new SessionError('terminated', 'user agent closed');
  }
}

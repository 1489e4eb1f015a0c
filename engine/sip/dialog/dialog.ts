import { formatNameAddr, type NameAddr } from '../message/name-addr.js';
import { SipRequest } from '../message/request.js';
import type { SipResponse } from '../message/response.js';
import { formatUri, isSipUri } from '../message/sip-uri.js';
import { dialogKey } from './dialog-id.js';

/** The state RFC 3261 section 12 keeps per dialog. */
export interface DialogState {
  readonly callId: string;
  readonly localTag: string;
  readonly remoteTag: string;
  /** From (UAC) or To (UAS) of the dialog-creating request, without tag: this side's address of record. */
  readonly localUri: string;
  readonly remoteUri: string;
  readonly secure: boolean;
}

/**
 * A UAS or UAC dialog: identity, sequence numbers, remote target and route set, and the construction of requests
 * inside it (section 12.2.1.1).
 */
export class Dialog {
  /** Section 12.1.1/12.1.2: the local sequence number; the next request uses localSeq + 1. */
  private localSeq: number;
  /** Unset until the peer sends a request in the dialog (a UAC dialog starts "empty"). */
  private remoteSeq: number | undefined;
  private remoteTargetValue: string;
  private readonly routeSet: readonly string[];

  private constructor(
    readonly state: DialogState,
    localSeq: number,
    remoteSeq: number | undefined,
    remoteTarget: string,
    routeSet: readonly string[],
  ) {
    this.localSeq = localSeq;
    this.remoteSeq = remoteSeq;
    this.remoteTargetValue = remoteTarget;
    this.routeSet = routeSet;
  }

  /**
   * Section 12.1.1: "The route set MUST be set to the list of URIs in the Record-Route header field from the
   * request, taken in order and preserving all URI parameters. ... The remote target MUST be set to the URI from
   * the Contact header field of the request." The remote sequence number is the request's CSeq; the local one
   * starts empty — we start it at a random value as section 8.1.1.5 suggests for new requests.
   */
  static forUas(request: SipRequest, localTag: string): Dialog {
    const contact = firstContact(request.contact);
    return new Dialog(
      {
        callId: request.callId,
        localTag,
        remoteTag: request.from.tag ?? '',
        localUri: formatNameAddr({ displayName: request.to.displayName, uri: request.to.uri }),
        remoteUri: formatNameAddr({ displayName: request.from.displayName, uri: request.from.uri }),
        secure: isSipUri(request.requestUri) && request.requestUri.scheme === 'sips' && request.topVia.transport === 'TLS',
      },
      Math.floor(Math.random() * 0x7fffffff),
      request.cseq.seq,
      contact ? formatUri(contact.uri) : formatUri(request.from.uri),
      request.recordRoutes.map((route) => formatNameAddr(route)),
    );
  }

  /**
   * Section 12.1.2: "The route set MUST be set to the list of URIs in the Record-Route header field from the
   * response, taken in reverse order". The local sequence number is the request's CSeq.
   */
  static forUac(request: SipRequest, response: SipResponse): Dialog {
    const contact = firstContact(response.contact);
    return new Dialog(
      {
        callId: request.callId,
        localTag: request.from.tag ?? '',
        remoteTag: response.to.tag ?? '',
        localUri: formatNameAddr({ displayName: request.from.displayName, uri: request.from.uri }),
        remoteUri: formatNameAddr({ displayName: request.to.displayName, uri: request.to.uri }),
        secure: isSipUri(request.requestUri) && request.requestUri.scheme === 'sips',
      },
      request.cseq.seq,
      undefined,
      contact ? formatUri(contact.uri) : request.uri,
      [...response.recordRoutes].reverse().map((route) => formatNameAddr(route)),
    );
  }

  get key(): string {
    return dialogKey(this.state.callId, this.state.localTag, this.state.remoteTag);
  }

  get remoteTarget(): string {
    return this.remoteTargetValue;
  }

  get currentLocalSeq(): number {
    return this.localSeq;
  }

  /**
   * Section 12.2.2: "If the remote sequence number was not empty, but the sequence number of the request is lower
   * than the remote sequence number, the request is out of order and MUST be rejected with a 500". Returns false
   * for such a request; otherwise records its number.
   */
  acceptRemoteSeq(request: SipRequest): boolean {
    if (request.method === 'ACK' || request.method === 'CANCEL') return true;
    const seq = request.cseq.seq;
    if (this.remoteSeq !== undefined && seq <= this.remoteSeq) return false;
    this.remoteSeq = seq;
    return true;
  }

  /**
   * Section 12.2.2 / 12.2.1.2: a target refresh request (re-INVITE, UPDATE) or its 2xx "MAY" carry a new Contact,
   * which then "MUST" replace the remote target.
   */
  refreshTarget(message: SipRequest | SipResponse): void {
    const contact = firstContact(message.contact);
    if (contact) this.remoteTargetValue = formatUri(contact.uri);
  }

  /**
   * Section 12.2.1.1: a request within the dialog. "The URI in the To field of the request MUST be set to the
   * remote URI from the dialog state. The tag in the To header field of the request MUST be set to the remote tag
   * of the dialog ID." With a loose-routing first route (lr), the Request-URI is the remote target and the route
   * set goes in Route; with a strict router, the Request-URI is the first route and the remote target is appended.
   * An ACK for a 2xx reuses the INVITE's sequence number (`seq`, section 13.2.2.4).
   */
  createRequest(method: string, options: { seq?: number; contact?: string } = {}): SipRequest {
    let seq = options.seq;
    if (seq === undefined) seq = ++this.localSeq;
    let requestUri = this.remoteTargetValue;
    let routes = this.routeSet;
    const first = routes[0];
    if (first !== undefined && !/;lr\b/i.test(first)) {
      requestUri = first.replace(/^[^<]*<|>.*$/g, '');
      routes = [...routes.slice(1), `<${this.remoteTargetValue}>`];
    }
    const request = new SipRequest(method, requestUri);
    request.addHeader('Max-Forwards', '70');
    for (const route of routes) request.addHeader('Route', route);
    request.addHeader('From', `${this.state.localUri};tag=${this.state.localTag}`);
    request.addHeader('To', `${this.state.remoteUri};tag=${this.state.remoteTag}`);
    request.addHeader('Call-ID', this.state.callId);
    request.addHeader('CSeq', `${seq} ${method}`);
    if (options.contact) request.addHeader('Contact', options.contact);
    return request;
  }
}

function firstContact(contact: readonly NameAddr[] | '*'): NameAddr | undefined {
  return contact === '*' ? undefined : contact[0];
}

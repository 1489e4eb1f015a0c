/**
 * Call transfer over one SIP dialog (RFC 3515 REFER): the REFER we send for `transferTo` (blind, or attended with
 * RFC 3891 Replaces) and its NOTIFY progress, and the REFER the far end sends us, which the scenario may accept with
 * `handleBlindTransfer(true)` and answer with a final NOTIFY.
 */
import type { Logger } from 'pino';
import { referHeaders } from '../sip/user-agent/refer.js';
import type { DialogSession } from '../sip/user-agent/dialog-session.js';
import type { DialogSessionEvents, IncomingRefer, ReferProgress, ReplacesTarget } from '../sip/user-agent/session-types.js';
import type { BlindTransferResult, TransferRequest } from './call-leg.js';
import { customHeadersOf, toExtraHeaders } from './sip-headers.js';
import type { SipLegReporter } from './sip-leg-reporter.js';

/** Where an attended transfer sends the transferee: the target's contact and the dialog to replace there. */
export interface ReplacementTarget {
  readonly uri: string;
  readonly replaces: ReplacesTarget;
}

/** A leg that can be the target of an attended transfer: it names its dialog once the dialog exists. */
export interface ReplaceableLeg {
  replacementTarget(): ReplacementTarget | undefined;
}

export class SipLegTransfer {
  private referring = false;
  private pendingRefer: IncomingRefer | undefined;

  constructor(
    private readonly session: DialogSession<DialogSessionEvents>,
    private readonly reporter: SipLegReporter,
    private readonly log: Logger | undefined,
    /** Finds the dialog of another leg of this engine for an attended transfer. */
    private readonly replacementFor: (request: Extract<TransferRequest, { kind: 'attended' }>) => ReplacementTarget | undefined,
  ) {}

  transfer(request: TransferRequest): void {
    if (this.referring) {
      this.fail(491, 'Request Pending');
      return;
    }
    let target: string;
    let replaces: ReplacesTarget | undefined;
    if (request.kind === 'blind') {
      target = request.to;
    } else {
      const replacement = this.replacementFor(request);
      if (!replacement) {
        this.fail(481, 'Call/Transaction Does Not Exist');
        return;
      }
      target = replacement.uri;
      replaces = replacement.replaces;
    }
    this.referring = true;
    let sent: Promise<{ status: number; reason: string }>;
    try {
      // The session's own refer() carries no extra headers; the scenario's X- headers go on the REFER too.
      const headers = [...referHeaders(target, { replaces }), ...toExtraHeaders(request.headers)];
      sent = this.session.sendRequest('REFER', { headers });
    } catch (error) {
      this.referring = false;
      this.log?.warn({ err: error }, 'REFER not sent');
      this.fail(481, 'Call/Transaction Does Not Exist');
      return;
    }
    sent.then(
      (response) => {
        // RFC 3515 section 2.4.2: anything but 202 means the transfer will not happen.
        if (response.status >= 300) {
          this.referring = false;
          this.fail(response.status, response.reason);
        }
      },
      (error: unknown) => {
        this.referring = false;
        this.log?.warn({ err: error }, 'REFER failed');
        this.fail(408, 'Request Timeout');
      },
    );
  }

  /** RFC 3515 section 2.4.5: the sipfrag in each NOTIFY is the status of the transferee's INVITE to the target. */
  progress(progress: ReferProgress): void {
    if (!this.referring) return;
    if (progress.status >= 200 && progress.status < 300) {
      this.referring = false;
      this.reporter.report((d) => d.transferProgress({ outcome: 'complete', role: 'transferor', headers: {} }));
    } else if (progress.status >= 300) {
      this.referring = false;
      this.fail(progress.status, progress.reason);
    } else if (progress.final) {
      // The subscription ended without a final status (RFC 3515 section 2.4.7): the outcome is unknown.
      this.referring = false;
      this.fail(487, 'Request Terminated');
    }
  }

  received(refer: IncomingRefer): void {
    // A second REFER before the first was answered replaces it; the first gets a final NOTIFY so it ends cleanly.
    this.pendingRefer?.notify(487, 'Request Terminated');
    this.pendingRefer = refer;
    const headers = customHeadersOf(refer.request);
    this.reporter.report((d) => d.referReceived(refer.referTo, headers));
  }

  notify(result: BlindTransferResult): void {
    const refer = this.pendingRefer;
    if (!refer) return;
    this.pendingRefer = undefined;
    if (result.ok) refer.notify(200, 'OK');
    else refer.notify(result.code, result.reason);
  }

  private fail(code: number, reason: string): void {
    this.reporter.report((d) => d.transferProgress({ outcome: 'failed', role: 'transferor', headers: {}, code, reason }));
  }
}

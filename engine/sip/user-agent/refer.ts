import type { SipRequest } from '../message/request.js';
import { referToWithReplaces, replacesFromReferTo } from './replaces.js';
import type { ExtraHeaders, IncomingRefer, ReferProgress, ReplacesTarget } from './session-types.js';
import { parseSipfragStatus, sipfragBody } from './sipfrag.js';

/** The message pieces of RFC 3515 call transfer, kept apart from the session that sends and receives them. */

/** Refer-To (with an escaped Replaces for attended transfer, RFC 3891 section 7) and Referred-By. */
export function referHeaders(target: string, options: { replaces?: ReplacesTarget; referredBy?: string }): ExtraHeaders {
  const referTo = options.replaces ? referToWithReplaces(target, options.replaces) : `<${target}>`;
  return options.referredBy ? [['Refer-To', referTo], ['Referred-By', options.referredBy]] : [['Refer-To', referTo]];
}

/** RFC 3515 section 2.4.1: "A REFER request MUST contain exactly one Refer-To header field value". */
export function referProblem(request: SipRequest): string | undefined {
  const values = request.headers('Refer-To');
  if (values.length === 0) return 'Missing Refer-To';
  if (values.length > 1) return 'Multiple Refer-To';
  return undefined;
}

export function incomingRefer(request: SipRequest, notify: (status: number, reason?: string) => void): IncomingRefer {
  const referTo = request.header('Refer-To')!;
  return {
    request,
    referTo: referTo.trim().replace(/^<|>$/g, ''),
    replaces: replacesFromReferTo(referTo),
    referredBy: request.header('Referred-By'),
    notify,
  };
}

/**
 * RFC 3515 section 2.4.5: a NOTIFY whose body is a sipfrag of the status line; the subscription ends with the final
 * status. The event id is the REFER's CSeq (section 2.4.6), so several REFERs in one dialog stay apart.
 */
export function referNotify(refer: SipRequest, status: number, reason: string): { body: string; contentType: string; headers: ExtraHeaders } {
  const final = status >= 200;
  return {
    body: sipfragBody(status, reason),
    contentType: 'message/sipfrag;version=2.0',
    headers: [
      ['Event', `refer;id=${refer.cseq.seq}`],
      ['Subscription-State', final ? 'terminated;reason=noresource' : 'active;expires=60'],
    ],
  };
}

/** A NOTIFY for the refer event package read as progress, or undefined for any other NOTIFY. */
export function referProgressOf(notify: SipRequest): ReferProgress | undefined {
  const event = notify.header('Event')?.split(';')[0]?.trim().toLowerCase();
  if (event !== 'refer') return undefined;
  const fragment = parseSipfragStatus(notify.bodyText);
  if (!fragment) return undefined;
  const subscription = notify.header('Subscription-State')?.toLowerCase() ?? '';
  return { status: fragment.status, reason: fragment.reason, final: fragment.status >= 200 || subscription.startsWith('terminated') };
}

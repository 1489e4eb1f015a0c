/**
 * Places a session's outgoing calls: `callSIP` goes straight to its URI (with the scenario's credentials and
 * outbound proxy), `callPSTN` goes through the first configured trunk, its number written in the trunk's format and
 * the trunk's credentials answering its challenges.
 */
import type { Logger } from 'pino';
import type { CallLeg } from '../call/call-leg.js';
import { createOutgoingSipLeg } from '../call/sip-leg-factory.js';
import type { OutgoingSipCall, SipLegEnvironment } from '../call/sip-leg-types.js';
import type { DialRequest, OutgoingCallDialer } from '../session/session-types.js';
import type { UserAgent } from '../sip/user-agent/user-agent.js';
import type { NumberFormat, TrunkConfig } from './config/engine-config.js';
import { DialError, DialedSipLeg } from './dialed-sip-leg.js';

export interface TrunkDialerOptions {
  ua: UserAgent;
  env: SipLegEnvironment;
  trunks: readonly TrunkConfig[];
  /** Host part of our From URIs (the first SIP listener's advertised host). */
  localHost: string;
  logger: Logger;
  /** Told about every call placed (metrics). */
  onDial?: () => void;
}

export class TrunkDialer implements OutgoingCallDialer {
  private next = 1;

  constructor(private readonly options: TrunkDialerOptions) {}

  dial(request: DialRequest): CallLeg {
    const portId = `out:${this.next++}:${request.callId}`;
    this.options.onDial?.();
    const setup = (async () => {
      const call = request.kind === 'pstn' ? this.pstnCall(request) : this.sipCall(request);
      this.options.logger.info({ callId: request.callId, uri: call.uri, kind: request.kind }, 'placing call');
      return createOutgoingSipLeg(this.options.ua, call, this.options.env, portId);
    })();
    return new DialedSipLeg(portId, setup);
  }

  private sipCall(request: DialRequest): OutgoingSipCall {
    const uri = /^sips?:/i.test(request.to) ? request.to : `sip:${request.to}`;
    if (!/^sips?:[^\s<>"]+$/i.test(uri)) throw new DialError(416, 'Unsupported URI Scheme');
    const params = request.params;
    const authUser = stringParam(params, 'authUser');
    const password = stringParam(params, 'password');
    const outProxy = stringParam(params, 'outProxy');
    return {
      uri,
      from: this.from(request.callerid || 'callscript', request.displayName),
      headers: request.headers,
      ...(authUser !== undefined && { authUser, password: password ?? '' }),
      ...(outProxy !== undefined && { outboundProxy: /^sips?:/i.test(outProxy) ? outProxy : `sip:${outProxy}` }),
    };
  }

  private pstnCall(request: DialRequest): OutgoingSipCall {
    const trunk = this.options.trunks[0];
    if (!trunk) throw new DialError(404, 'Not Found (no trunk configured for callPSTN)');
    const number = formatNumber(request.to, trunk.numberFormat, trunk.prefix);
    if (!/^\+?[0-9*#]+$/.test(number)) throw new DialError(484, 'Address Incomplete');
    const target = new URL(trunk.address.replace(/^sips?:/i, 'http://'));
    const hostPort = target.host;
    const transport = trunk.transport === 'udp' ? '' : `;transport=${trunk.transport}`;
    const callerId = request.callerid || trunk.callerId || 'anonymous';
    return {
      uri: `sip:${number}@${hostPort}${transport}`,
      from: `<sip:${callerId}@${target.hostname}>`,
      headers: request.headers,
      ...(trunk.username !== undefined && { authUser: trunk.username, password: trunk.password ?? '' }),
    };
  }

  private from(user: string, displayName: string): string {
    const uri = `sip:${user}@${this.options.localHost}`;
    return displayName ? `"${displayName.replace(/["\\]/g, '')}" <${uri}>` : `<${uri}>`;
  }
}

/** The number as the trunk wants it in its Request-URI. */
export function formatNumber(number: string, format: NumberFormat, prefix: string): string {
  const digits = number.replace(/[^0-9*#]/g, '');
  switch (format) {
    case 'e164':
      return `${prefix}+${digits}`;
    case 'digits':
      return `${prefix}${digits}`;
    case 'as-dialled':
      return `${prefix}${number}`;
  }
}

function stringParam(params: Record<string, unknown>, key: string): string | undefined {
  const value = params[key];
  return typeof value === 'string' && value.length > 0 ? value : undefined;
}

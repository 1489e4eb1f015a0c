/**
 * How the serve process makes SIP call legs: one for each incoming INVITE it routes to a scenario, one for each
 * `callSIP`/`callPSTN` a scenario places. Each opens an RTP endpoint from the engine's port pool first.
 */
import type { ServerSession } from '../sip/user-agent/server-session.js';
import type { UserAgent } from '../sip/user-agent/user-agent.js';
import { toExtraHeaders } from './sip-headers.js';
import { SipCallLeg } from './sip-leg.js';
import { SipLegError, type OutgoingSipCall, type SipLegEnvironment } from './sip-leg-types.js';

/**
 * A leg for an incoming INVITE (already answered 100 Trying). Its offer is negotiated at once: with no codec in
 * common the INVITE is answered 488 with a Warning (RFC 3261 section 13.3.1.3, RFC 3264 section 6) and this throws
 * `SipLegError('offer-not-acceptable')`, before any scenario sees the call. Also throws the media layer's
 * `port-range-exhausted` (the caller should then answer 503).
 */
export async function createIncomingSipLeg(session: ServerSession, env: SipLegEnvironment, portId: string): Promise<SipCallLeg> {
  const { endpoint, sdp } = await env.media.openEndpoint();
  if (session.state === 'terminated') {
    // CANCEL arrived while the endpoint opened.
    endpoint.close();
    throw new SipLegError('leg-closed', 'the caller cancelled before the call could be set up');
  }
  if (session.offer === undefined) return new SipCallLeg(portId, 'incoming', session, endpoint, sdp, env);
  const answer = sdp.answerOffer(session.offer);
  if (!answer.ok) {
    endpoint.close();
    session.reject(answer.status, undefined, [['Warning', `${answer.warningCode} callscript "${answer.reason}"`]]);
    throw new SipLegError('offer-not-acceptable', answer.reason);
  }
  return new SipCallLeg(portId, 'incoming', session, endpoint, sdp, env, answer);
}

/**
 * Places a call: opens an endpoint, sends the INVITE with its offer, and returns the leg, whose reports (Ringing,
 * early media, connected, failed) wait until the `Call` installs its delegate. The answer timeout belongs to the
 * `Call`, which hangs the leg up (CANCEL) when it expires.
 */
export async function createOutgoingSipLeg(ua: UserAgent, call: OutgoingSipCall, env: SipLegEnvironment, portId: string): Promise<SipCallLeg> {
  const { endpoint, sdp } = await env.media.openEndpoint();
  try {
    const session = ua.invite({
      uri: call.uri,
      from: call.from,
      sdp: sdp.createOffer(),
      headers: toExtraHeaders(call.headers ?? {}),
      credentials: call.authUser !== undefined ? { username: call.authUser, password: call.password ?? '' } : undefined,
      routes: call.outboundProxy !== undefined ? [`<${call.outboundProxy};lr>`] : undefined,
    });
    return new SipCallLeg(portId, 'outgoing', session, endpoint, sdp, env);
  } catch (error) {
    endpoint.close();
    throw error;
  }
}

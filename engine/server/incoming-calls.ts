/**
 * What happens to a new INVITE: while draining it gets 503; the Request-URI's user part is routed by the rules
 * (API rules first, then the config file's); no rule gives 404; otherwise a SIP leg is set up (488 when the offer
 * has no codec in common, 503 when the RTP port range is exhausted) and a session starts with `CallAlerting`
 * carrying a `Call` over it.
 */
import type { Logger } from 'pino';
import { customHeadersOf } from '../call/sip-headers.js';
import { createIncomingSipLeg } from '../call/sip-leg-factory.js';
import type { SipLegEnvironment } from '../call/sip-leg-types.js';
import { SipLegError } from '../call/sip-leg-types.js';
import type { EngineMetrics } from '../metrics.js';
import { describeRoute, type CallRouter, type RouteDecision } from '../routing/call-router.js';
import type { CompiledScenario } from '../sandbox/sandbox-types.js';
import type { IncomingCallInfo } from '../session/session-types.js';
import { formatUri } from '../sip/message/sip-uri.js';
import type { ServerSession } from '../sip/user-agent/server-session.js';
import { SessionsRefusedError, type EngineSessions, type LaunchRequest } from './engine-sessions.js';

export interface IncomingCallsOptions {
  router: CallRouter;
  sessions: EngineSessions;
  env: SipLegEnvironment;
  /** The compiled scenario of a config-file rule (compiled at start). */
  fileScenario: (file: string) => CompiledScenario;
  metrics: EngineMetrics;
  logger: Logger;
}

export class IncomingCalls {
  private next = 1;

  constructor(private readonly options: IncomingCallsOptions) {}

  /** The user agent's `onInvite`. Never throws: every failure becomes a final response. */
  onInvite(session: ServerSession): void {
    void this.handle(session).catch((error: unknown) => {
      this.options.logger.error({ err: error, callId: session.request.callId }, 'incoming call failed');
      if (session.state === 'initial' || session.state === 'early') session.reject(500);
    });
  }

  private async handle(invite: ServerSession): Promise<void> {
    const { sessions, router, logger, metrics } = this.options;
    const request = invite.request;
    const uri = request.requestUri;
    const destination = 'user' in uri ? (uri.user ?? '') : '';
    if (sessions.isDraining) {
      invite.reject(503, undefined, [['Retry-After', '30']]);
      return;
    }
    const decision = router.route(destination);
    if (!decision) {
      logger.info({ destination, sipCallId: request.callId }, 'no rule matches: 404');
      invite.reject(404);
      return;
    }
    metrics.recordCallAttempt('incoming');
    try {
      sessions.checkAccepting();
    } catch (error) {
      if (!(error instanceof SessionsRefusedError)) throw error;
      invite.reject(503, undefined, [['Retry-After', '5']]);
      return;
    }
    let leg;
    try {
      leg = await createIncomingSipLeg(invite, this.options.env, `in:${this.next++}`);
    } catch (error) {
      if (error instanceof SipLegError) return; // 488 sent, or the caller cancelled
      if ((error as { code?: unknown }).code === 'port-range-exhausted') {
        invite.reject(503);
        return;
      }
      throw error;
    }
    const from = request.from;
    const info: IncomingCallInfo = {
      callerid: 'user' in from.uri ? (from.uri.user ?? '') : '',
      destination,
      displayName: from.displayName ?? '',
      fromURI: formatUri(from.uri),
      toURI: formatUri(request.to.uri),
      headers: customHeadersOf(request),
      customData: '',
    };
    try {
      const started = await sessions.startForCall(this.launchRequest(decision), leg, info);
      logger.info({ destination, sessionId: started.sessionId, route: describeRoute(decision) }, 'incoming call routed');
    } catch (error) {
      const refused = error instanceof SessionsRefusedError;
      if (invite.state === 'initial' || invite.state === 'early') invite.reject(refused && error.reason !== 'scenario-failed' ? 503 : 500);
      leg.close();
      if (!refused) throw error;
    }
  }

  private launchRequest(decision: RouteDecision): LaunchRequest {
    if (decision.source === 'api') {
      const { scenario } = decision;
      return {
        scenario: { hash: scenario.hash, fileName: scenario.fileName, code: scenario.code },
        scenarioName: scenario.name,
        scenarioVersion: scenario.version,
      };
    }
    const file = decision.rule.scenarioFile;
    return { scenario: this.options.fileScenario(file), scenarioName: scenarioNameOf(file), scenarioVersion: 0 };
  }
}

/** `scenarios/ivr.scenario.ts` -> `ivr`. */
export function scenarioNameOf(file: string): string {
  const base = file.split(/[\\/]/).pop() ?? file;
  return base.replace(/(\.scenario)?\.(ts|mts|js|mjs)$/, '');
}

/**
 * The public surface of the engine-side {@link Call}: how it is created, whom it reports to, and the synchronous
 * view (mirror) the sandbox keeps of it.
 */
import type { Logger } from 'pino';
import type { Clock } from '../clock.js';
import type { CallEventName, CallEventPayloads } from './call-events.js';
import type { CallDirection, CallLeg, Headers } from './call-leg.js';
import type { CallLimits } from './call-context.js';
import type { CallState } from './call-state.js';

/** The call's properties as the scenario's synchronous getters read them (the protocol's `CallMirror`). */
export interface CallProperties {
  id: string;
  state: CallState;
  incoming: boolean;
  callerid: string;
  displayName: string;
  number: string;
  clientType: string;
  customData: string;
  headers: Headers;
}

export type CallMirrorUpdate = Partial<CallProperties>;

/** The call's owner (the session): receives every event in order and the end of the call. */
export interface CallObserver {
  callEvent<K extends CallEventName>(callId: string, name: K, payload: CallEventPayloads[K], mirror?: CallMirrorUpdate): void;
  /** The call reached TERMINATED; its call record is final. */
  callEnded(callId: string): void;
}

export interface CallInit {
  id: string;
  direction: CallDirection;
  leg: CallLeg;
  callerid: string;
  displayName: string;
  /** The dialled number (incoming) or the number/URI called (outgoing). */
  number: string;
  clientType: 'sip' | 'pstn' | 'user';
  headers: Headers;
  customData: string;
  clock: Clock;
  /** Epoch milliseconds for call records. */
  wallClock: () => number;
  logger: Logger;
  limits: CallLimits;
  observer: CallObserver;
  /** Outgoing calls only: the answer timeout after `VI-CallTimeout` was applied. */
  answerTimeoutMs?: number;
}

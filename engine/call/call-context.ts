/**
 * What a `Call` shares with its components (playback, recording, DTMF, transfer, detectors): the leg, the clock and
 * the way to emit a `CallEvents` event. Components never hold the `Call` itself, so none of them can reach around it.
 */
import type { Logger } from 'pino';
import type { Clock } from '../clock.js';
import type { CallEventName, CallEventPayloads } from './call-events.js';
import type { CallLeg } from './call-leg.js';
import type { CallState } from './call-state.js';

export interface CallLimits {
  /** An incoming call not answered within this time fails with 408 (VoxEngine: 60 s). */
  incomingAnswerTimeoutMs: number;
  /** An unanswered call may stay in early media this long (VoxEngine: 60 s). */
  earlyMediaMaxMs: number;
  /** Default answer timeout of an outgoing call (VoxEngine: 60 s; `VI-CallTimeout` overrides it, 10..400 s). */
  outgoingAnswerTimeoutMs: number;
  /** `say` text longer than this ends with `PlaybackFinished` carrying an error (VoxEngine: 1500). */
  maxSayChars: number;
  /** `customData` size cap in bytes (VoxEngine: 200). */
  maxCustomDataBytes: number;
}

export const defaultCallLimits: Readonly<CallLimits> = Object.freeze({
  incomingAnswerTimeoutMs: 60_000,
  earlyMediaMaxMs: 60_000,
  outgoingAnswerTimeoutMs: 60_000,
  maxSayChars: 1500,
  maxCustomDataBytes: 200,
});

export interface CallContext {
  readonly leg: CallLeg;
  readonly clock: Clock;
  readonly limits: CallLimits;
  readonly log: Logger;
  state(): CallState;
  /** `answer()` was called and the leg has not reported the dialog confirmed yet. */
  answerPending(): boolean;
  emit<K extends CallEventName>(name: K, payload: CallEventPayloads[K]): void;
}

/**
 * `callscript`: the engine as a library. The layers are importable on their own (DESIGN.md, "Layout"); this entry
 * gathers what an embedder needs to run scenario sessions over its own call legs. The test kit is `callscript/testing`.
 */
export { systemClock } from './clock.js';
export type { Clock, TimerHandle } from './clock.js';

export { Call } from './call/call.js';
export { CallEvents } from './call/call-events.js';
export type { CallEventName, CallEventPayloads } from './call/call-events.js';
export { DtmfType, rtpStoppedAfterMs } from './call/call-leg.js';
export type {
  BlindTransferResult,
  CallDirection,
  CallLeg,
  CallLegDelegate,
  Headers,
  PlaybackSource,
  RecordingOptions,
  ReInviteInfo,
  TransferProgress,
  TransferRequest,
} from './call/call-leg.js';
export type { CallState } from './call/call-state.js';
export type { CallRecord, HangupReason } from './call/call-record.js';
export type { MediaPort } from './call/media-port.js';
export type { MediaUnitFactory, PlayerUnit, RecorderUnit } from './call/media-unit.js';
export { SimulatedLeg } from './call/simulated-leg.js';
export { SimulatedMediaUnits } from './call/simulated-media-units.js';
export { ScenarioArgumentError, ScenarioLimitError } from './call/scenario-arguments.js';

export { Session, AppEvents } from './session/session.js';
export { defaultSessionLimits, HttpFailureCode, HttpRequestFailure, SessionClosedError } from './session/session-types.js';
export type {
  CallRecordSink,
  DialRequest,
  HttpRequester,
  IncomingCallInfo,
  OutgoingCallDialer,
  ScenarioEventChannel,
  SessionDeps,
  SessionEnd,
  SessionLimits,
  SessionLogEntry,
  SessionObserver,
} from './session/session-types.js';
export { FetchHttpRequester } from './session/fetch-http-requester.js';
export type { ScenarioCommand, ScenarioEvent } from './session/scenario-protocol.js';

export { startScenarioSession } from './sandbox/scenario-session.js';
export type { ScenarioSession, ScenarioSessionOptions } from './sandbox/scenario-session.js';
export type { CompiledScenario, SandboxHost, SandboxLimits } from './sandbox/sandbox-types.js';

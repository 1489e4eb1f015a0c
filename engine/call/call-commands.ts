/**
 * The scenario's `Call` methods as they arrive from the sandbox (`{op:'call.method', method, args}`): each entry
 * checks its arguments, naming the bad one as the author wrote it, and calls the typed `Call` API.
 */
import type { Call } from './call.js';
import type { CallLimits } from './call-context.js';
import type { CallLeg, TransferRequest } from './call-leg.js';
import { dtmfDigits } from './call-dtmf.js';
import {
  type ArgData,
  ScenarioArgumentError,
  describe,
  optionalBoolean,
  optionalHeaders,
  optionalObject,
  requireBoolean,
  requireCustomData,
  requireInteger,
  requireNumber,
  requireString,
} from './scenario-arguments.js';

export interface CallCommandContext {
  limits: CallLimits;
  /** Finds another call of the same session for an attended transfer; throws when it is not the session's. */
  resolveCall(api: string, argument: string, ref: ArgData | undefined): Call;
}

type Handler = (call: Call, args: ArgData[], ctx: CallCommandContext) => void;

const api = (method: string) => `Call.${method}`;

function headersAt(method: string, args: ArgData[], index: number, name = 'extraHeaders') {
  return optionalHeaders(api(method), name, args[index]);
}

function finalCode(method: string, value: ArgData | undefined): number {
  return requireInteger(api(method), 'code', value, 300, 699);
}

/** `say(text, parameters)` also takes the older `say(text, Language.X)` form, where the second argument is a voice. */
function sayOptions(value: ArgData | undefined): Record<string, unknown> {
  if (value === undefined || value === null) return {};
  if (typeof value === 'string') return { language: value };
  const object = optionalObject(api('say'), 'parameters', value);
  const known = ['language', 'voice', 'progressivePlayback', 'ttsOptions', 'request'];
  return Object.keys(object).some((key) => known.includes(key)) ? object : { language: object };
}

function transferRequest(args: ArgData[], ctx: CallCommandContext): TransferRequest {
  const method = 'transferTo';
  const parameters = optionalObject(api(method), 'parameters', args[0]);
  const headers = optionalHeaders(api(method), 'parameters.headers', parameters['headers']);
  // The prelude names the other call of an attended transfer by its id.
  if (parameters['callId'] !== undefined && parameters['callId'] !== null) {
    const target: CallLeg = ctx.resolveCall(api(method), 'parameters.call', parameters['callId']).leg;
    return { kind: 'attended', target, headers };
  }
  const to = requireString(api(method), 'parameters.to', parameters['to'], 2048);
  if (to.trim() === '') throw new ScenarioArgumentError(api(method), 'parameters.to', 'must not be empty');
  return { kind: 'blind', to, headers };
}

const handlers: Record<string, Handler> = {
  answer: (call, args) => call.answer(headersAt('answer', args, 0)),
  // P2P legs do not exist here: the media always flows through the engine, so answerDirect answers normally.
  answerDirect: (call, args) => call.answer(headersAt('answerDirect', args, 1)),
  reject: (call, args) => call.reject(finalCode('reject', args[0]), headersAt('reject', args, 1)),
  decline: (call, args) => call.reject(finalCode('decline', args[0]), headersAt('decline', args, 1)),
  ring: (call, args) => call.ring(headersAt('ring', args, 0)),
  startEarlyMedia: (call, args) => call.startEarlyMedia(headersAt('startEarlyMedia', args, 0)),
  hangup: (call, args) => call.hangup(headersAt('hangup', args, 0)),
  say: (call, args) => call.playback.say(requireString(api('say'), 'text', args[0], 1_000_000), sayOptions(args[1])),
  startPlayback: (call, args) => {
    const url = requireString(api('startPlayback'), 'url', args[0], 4096);
    const loopOnly = typeof args[1] === 'boolean';
    const parameters = loopOnly ? {} : optionalObject(api('startPlayback'), 'parameters', args[1]);
    const loop = loopOnly ? (args[1] as boolean) : optionalBoolean(api('startPlayback'), 'parameters.loop', parameters['loop']);
    const progressive = optionalBoolean(api('startPlayback'), 'parameters.progressivePlayback', parameters['progressivePlayback']);
    call.playback.startPlayback(url, loop ?? false, progressive ?? false);
  },
  stopPlayback: (call) => call.playback.stopPlayback(),
  playProgressTone: (call, args) => call.playback.playProgressTone(requireString(api('playProgressTone'), 'country', args[0], 8)),
  record: (call, args) => {
    const parameters = optionalObject(api('record'), 'parameters', args[0]);
    const stereo = optionalBoolean(api('record'), 'parameters.stereo', parameters['stereo']) ?? false;
    const lossless = optionalBoolean(api('record'), 'parameters.lossless', parameters['lossless']) ?? false;
    call.recording.start({ stereo, format: lossless ? 'wav' : 'mp3', parameters });
  },
  handleTones: (call, args) => {
    const doHandle = requireBoolean(api('handleTones'), 'doHandle', args[0]);
    const type = args[1] === undefined || args[1] === null ? undefined : requireInteger(api('handleTones'), 'supportedDtmfTypes', args[1], 0, 3);
    call.dtmf.handleTones(doHandle, type as 0 | 1 | 2 | 3 | undefined);
  },
  sendDigits: (call, args) => {
    const digits = requireString(api('sendDigits'), 'digits', args[0], 256);
    if (!dtmfDigits.test(digits)) throw new ScenarioArgumentError(api('sendDigits'), 'digits', 'may hold only 0-9, *, #, A-D and p');
    call.dtmf.sendDigits(digits);
  },
  sendInfo: (call, args) => {
    const mimeType = requireString(api('sendInfo'), 'mimeType', args[0], 256);
    if (!/^[\w.+-]+\/[\w.+-]+$/.test(mimeType)) throw new ScenarioArgumentError(api('sendInfo'), 'mimeType', 'must be a type/subtype MIME type');
    const body = requireString(api('sendInfo'), 'body', args[1], 65_536);
    if (call.state !== 'TERMINATED') call.leg.sendInfo(mimeType, body, headersAt('sendInfo', args, 2, 'headers'));
  },
  sendMessage: (call, args) => {
    const text = requireString(api('sendMessage'), 'text', args[0], 65_536);
    if (call.state !== 'TERMINATED') call.leg.sendMessage(text);
  },
  transferTo: (call, args, ctx) => call.transfer.transferTo(transferRequest(args, ctx)),
  handleBlindTransfer: (call, args) => call.transfer.handleBlindTransfer(requireBoolean(api('handleBlindTransfer'), 'handle', args[0])),
  notifyBlindTransferSuccess: (call) => call.transfer.notifySuccess(),
  notifyBlindTransferFailed: (call, args) =>
    call.transfer.notifyFailed(finalCode('notifyBlindTransferFailed', args[0]), requireString(api('notifyBlindTransferFailed'), 'reason', args[1], 256)),
  enableBeepDetection: (call, args) => {
    const parameters = optionalObject(api('enableBeepDetection'), 'parameters', args[0]);
    const raw = parameters['frequencies'] ?? [];
    if (!Array.isArray(raw)) throw new ScenarioArgumentError(api('enableBeepDetection'), 'parameters.frequencies', `must be an array, got ${describe(raw)}`);
    const frequencies = raw.map((f, i) => requireNumber(api('enableBeepDetection'), `parameters.frequencies[${i}]`, f, 50, 4000));
    const timeout = parameters['timeout'] === undefined ? 30_000 : requireNumber(api('enableBeepDetection'), 'parameters.timeout', parameters['timeout'], 0, 600_000);
    call.detectors.enableBeepDetection({ frequencies, timeoutMs: timeout });
  },
  disableBeepDetection: (call) => call.detectors.disableBeepDetection(),
  handleMicStatus: (call, args) => call.detectors.handleMicStatus(requireBoolean(api('handleMicStatus'), 'handle', args[0])),
  monitorMediaStatistics: (call, args) => {
    const parameters = optionalObject(api('monitorMediaStatistics'), 'parameters', args[0]);
    const monitor = optionalBoolean(api('monitorMediaStatistics'), 'parameters.monitor', parameters['monitor']) ?? true;
    // The reference: the interval must not be less than 3 or greater than 10 seconds.
    const interval = parameters['interval'] === undefined ? 3 : requireNumber(api('monitorMediaStatistics'), 'parameters.interval', parameters['interval'], 3, 10);
    call.detectors.monitorMediaStatistics(monitor, interval);
  },
  customData: (call, args, ctx) => call.customData(requireCustomData(api('customData'), 'customData', args[0], ctx.limits.maxCustomDataBytes)),
};

export function isCallMethod(method: string): boolean {
  return Object.hasOwn(handlers, method);
}

/** Runs one scenario `Call` method; throws {@link ScenarioArgumentError} for a bad argument or an unknown method. */
export function invokeCallMethod(call: Call, method: string, args: ArgData[], ctx: CallCommandContext): void {
  if (!Array.isArray(args)) throw new ScenarioArgumentError(api(method), 'arguments', 'must be an array');
  const handler = Object.hasOwn(handlers, method) ? handlers[method] : undefined;
  if (!handler) throw new ScenarioArgumentError('Call', 'method', `names no Call method: ${JSON.stringify(method)}`);
  handler(call, args, ctx);
}

/**
 * The scenario's `Call` (the VoxEngine `Call` reference, seeds/004): every method validates its arguments, then sends
 * one command; the synchronous getters read the {@link CallMirror} that host events keep up to date.
 */
import type { CallMirror, Data } from '../../session/scenario-protocol.js';
import { ArgumentError } from './argument-error.js';
import {
  optionalHeaders,
  optionalParameters,
  requireBoolean,
  requireInteger,
  requireMaxBytes,
  requireString,
} from './argument-checks.js';
import { sendCommand } from './bridge.js';
import { DTMFType } from './constants/enums.js';
import { Voice } from './constants/voice.js';
import { ListenerRegistry } from './listener-registry.js';
import { registerMediaUnit, sendMedia, stopMedia } from './media-unit-refs.js';
import { preludeLimits } from './prelude-limits.js';

interface CallInternals {
  mirror: CallMirror;
  listeners: ListenerRegistry;
}

const internals = new WeakMap<Call, CallInternals>();
const constructorToken = Symbol('Call');

/** Digits VoxEngine's `sendDigits` takes: DTMF 0-9 * # A-D, and `p` for a pause. */
const dtmfDigits = /^[0-9*#A-Da-dp]*$/;

function internalsOf(call: Call): CallInternals {
  const state = internals.get(call);
  if (!state) throw new TypeError('Call: not a call created by VoxEngine');
  return state;
}

const extraHeadersArg = (method: string, value: unknown) => optionalHeaders(method, 'extraHeaders', value);

/** A final response code the scenario may send: VoxEngine takes any 3xx-6xx. */
const finalCode = (method: string, value: unknown) => requireInteger(method, 'code', value, 300, 699);

function callMethod(call: Call, method: string, args: Data[]): void {
  sendCommand({ op: 'call.method', callId: internalsOf(call).mirror.id, method, args });
}

export class Call {
  constructor(token: symbol, mirror: CallMirror) {
    if (token !== constructorToken) throw new TypeError('Call: calls come from AppEvents.CallAlerting or VoxEngine.callSIP/callPSTN');
    internals.set(this, { mirror: { ...mirror, headers: { ...mirror.headers } }, listeners: new ListenerRegistry('Call') });
    registerMediaUnit(this, { kind: 'call', id: mirror.id });
  }

  id(): string {
    return internalsOf(this).mirror.id;
  }
  state(): string {
    return internalsOf(this).mirror.state;
  }
  incoming(): boolean {
    return internalsOf(this).mirror.incoming;
  }
  callerid(): string {
    return internalsOf(this).mirror.callerid;
  }
  displayName(): string {
    return internalsOf(this).mirror.displayName;
  }
  number(): string {
    return internalsOf(this).mirror.number;
  }
  clientType(): string {
    return internalsOf(this).mirror.clientType;
  }
  /** VAD is reported by ASR, which callscript does not offer; the mirror may still carry it. */
  vad(): boolean {
    return (internalsOf(this).mirror as CallMirror & { vad?: boolean }).vad === true;
  }
  toString(): string {
    const m = internalsOf(this).mirror;
    return `Call ${m.id} (${m.incoming ? 'incoming' : 'outgoing'} ${m.callerid} -> ${m.number}, ${m.state})`;
  }

  customData(customData?: string): string {
    if (customData === undefined) return internalsOf(this).mirror.customData;
    const method = 'Call.customData';
    const value = requireMaxBytes(method, 'customData', requireString(method, 'customData', customData), preludeLimits.customDataBytes);
    internalsOf(this).mirror.customData = value;
    callMethod(this, 'customData', [value]);
    return value;
  }

  addEventListener(event: string, callback: (event: Record<string, unknown>) => unknown): void {
    internalsOf(this).listeners.add(event, callback);
  }
  removeEventListener(event: string, callback?: (event: Record<string, unknown>) => unknown): void {
    internalsOf(this).listeners.remove(event, callback);
  }

  answer(extraHeaders?: Record<string, string>, parameters?: object): void {
    const method = 'Call.answer';
    callMethod(this, 'answer', [extraHeadersArg(method, extraHeaders), optionalParameters(method, 'parameters', parameters)]);
  }
  answerDirect(peerCall: Call, extraHeaders?: Record<string, string>, parameters?: object): void {
    const method = 'Call.answerDirect';
    if (!(peerCall instanceof Call)) throw new ArgumentError(method, 'peerCall must be a Call');
    const headers = extraHeadersArg(method, extraHeaders);
    callMethod(this, 'answerDirect', [peerCall.id(), headers, optionalParameters(method, 'parameters', parameters)]);
  }
  reject(code: number, extraHeaders?: Record<string, string>): void {
    callMethod(this, 'reject', [finalCode('Call.reject', code), extraHeadersArg('Call.reject', extraHeaders)]);
  }
  /** Deprecated in VoxEngine in favour of `reject`, and the same operation. */
  decline(code: number, extraHeaders?: Record<string, string>): void {
    callMethod(this, 'reject', [finalCode('Call.decline', code), extraHeadersArg('Call.decline', extraHeaders)]);
  }
  ring(extraHeaders?: Record<string, string>): void {
    callMethod(this, 'ring', [extraHeadersArg('Call.ring', extraHeaders)]);
  }
  /** The codec and video arguments after `extraHeaders` concern WebRTC legs; they are accepted and not used. */
  startEarlyMedia(extraHeaders?: Record<string, string>): void {
    callMethod(this, 'startEarlyMedia', [extraHeadersArg('Call.startEarlyMedia', extraHeaders)]);
  }
  hangup(extraHeaders?: Record<string, string>): void {
    callMethod(this, 'hangup', [extraHeadersArg('Call.hangup', extraHeaders)]);
  }

  /** `parameters` may also be a voice, the older `call.say(text, Language.US_ENGLISH_FEMALE)` form. */
  say(text: string, parameters?: object): void {
    const method = 'Call.say';
    requireString(method, 'text', text);
    const options = parameters instanceof Voice ? { language: parameters } : parameters;
    callMethod(this, 'say', [text, optionalParameters(method, 'parameters', options)]);
  }
  startPlayback(url: string, parameters?: object): void {
    const method = 'Call.startPlayback';
    callMethod(this, 'startPlayback', [requireString(method, 'url', url), optionalParameters(method, 'parameters', parameters)]);
  }
  stopPlayback(): void {
    callMethod(this, 'stopPlayback', []);
  }
  playProgressTone(country: string): void {
    callMethod(this, 'playProgressTone', [requireString('Call.playProgressTone', 'country', country)]);
  }
  record(parameters?: object): void {
    callMethod(this, 'record', [optionalParameters('Call.record', 'parameters', parameters)]);
  }

  /** `parameters` configure WebSocket media units, which callscript does not offer; they are validated and not used. */
  sendMediaTo(mediaUnit: object, parameters?: object): void {
    optionalParameters('Call.sendMediaTo', 'parameters', parameters);
    sendMedia('Call.sendMediaTo', this, mediaUnit);
  }
  stopMediaTo(mediaUnit: object): void {
    stopMedia('Call.stopMediaTo', this, mediaUnit);
  }

  handleTones(doHandle?: boolean, supportedDtmfTypes?: number): void {
    const method = 'Call.handleTones';
    const enabled = doHandle === undefined ? true : requireBoolean(method, 'doHandle', doHandle);
    const types = supportedDtmfTypes === undefined ? DTMFType.ALL : requireInteger(method, 'supportedDtmfTypes', supportedDtmfTypes, 0, 3);
    callMethod(this, 'handleTones', [enabled, types]);
  }
  sendDigits(digits: string): void {
    const method = 'Call.sendDigits';
    requireString(method, 'digits', digits);
    if (!dtmfDigits.test(digits)) throw new ArgumentError(method, 'digits may contain only 0-9, *, #, A-D and p');
    callMethod(this, 'sendDigits', [digits]);
  }
  sendInfo(mimeType: string, body: string, headers?: Record<string, string>): void {
    const method = 'Call.sendInfo';
    requireString(method, 'mimeType', mimeType);
    requireMaxBytes(method, 'body', requireString(method, 'body', body), preludeLimits.messageBytes);
    callMethod(this, 'sendInfo', [mimeType, body, optionalHeaders(method, 'headers', headers)]);
  }
  sendMessage(text: string): void {
    const method = 'Call.sendMessage';
    callMethod(this, 'sendMessage', [requireMaxBytes(method, 'text', requireString(method, 'text', text), preludeLimits.messageBytes)]);
  }

  /** A blind transfer names `to`; an attended transfer names the other `call`. */
  transferTo(parameters: { to?: string; call?: Call; headers?: Record<string, string> }): void {
    const method = 'Call.transferTo';
    if (parameters === null || typeof parameters !== 'object') throw new ArgumentError(method, 'parameters must be an object');
    const transfer: Record<string, Data> = { headers: optionalHeaders(method, 'parameters.headers', parameters.headers) };
    if (parameters.call !== undefined) {
      if (!(parameters.call instanceof Call)) throw new ArgumentError(method, 'parameters.call must be a Call');
      transfer.callId = parameters.call.id();
    } else {
      transfer.to = requireString(method, 'parameters.to', parameters.to);
    }
    callMethod(this, 'transferTo', [transfer]);
  }
  handleBlindTransfer(handle: boolean): void {
    callMethod(this, 'handleBlindTransfer', [requireBoolean('Call.handleBlindTransfer', 'handle', handle)]);
  }
  notifyBlindTransferSuccess(): void {
    callMethod(this, 'notifyBlindTransferSuccess', []);
  }
  notifyBlindTransferFailed(code: number, reason: string): void {
    const method = 'Call.notifyBlindTransferFailed';
    callMethod(this, 'notifyBlindTransferFailed', [finalCode(method, code), requireString(method, 'reason', reason)]);
  }

  enableBeepDetection(parameters?: object): void {
    callMethod(this, 'enableBeepDetection', [optionalParameters('Call.enableBeepDetection', 'parameters', parameters)]);
  }
  disableBeepDetection(): void {
    callMethod(this, 'disableBeepDetection', []);
  }
  handleMicStatus(handle: boolean): void {
    callMethod(this, 'handleMicStatus', [requireBoolean('Call.handleMicStatus', 'handle', handle)]);
  }
  monitorMediaStatistics(parameters: { interval?: number; monitor?: boolean }): void {
    const method = 'Call.monitorMediaStatistics';
    const options = optionalParameters(method, 'parameters', parameters);
    if (options.interval !== undefined) requireInteger(method, 'parameters.interval', options.interval, 3, 10);
    if (options.monitor !== undefined) requireBoolean(method, 'parameters.monitor', options.monitor);
    callMethod(this, 'monitorMediaStatistics', [options]);
  }
}

export function createCall(mirror: CallMirror): Call {
  return new Call(constructorToken, mirror);
}

/** Applies a host mirror update, then runs the call's listeners with `call`, `name` and `id` added. */
export function deliverCallEvent(call: Call, event: string, payload: Record<string, unknown>, mirror?: Partial<CallMirror>): void {
  const state = internalsOf(call);
  if (mirror) Object.assign(state.mirror, mirror, { id: state.mirror.id });
  state.listeners.dispatch(event, { ...payload, call, name: event, id: state.mirror.id });
}

/**
 * `VoxEngine.callSIP` and `VoxEngine.callPSTN`. The call id is allocated here so that the `Call` is returned
 * synchronously; the host dials and reports progress with `Call.Ringing`, `Call.Connected` or `Call.Failed`.
 */
import type { Data } from '../../session/scenario-protocol.js';
import { LimitError } from './argument-error.js';
import { optionalHeaders, optionalParameters, optionalString, requireString } from './argument-checks.js';
import { sendCommand } from './bridge.js';
import { type Call, createCall } from './call.js';
import { CallState } from './constants/enums.js';
import { calls } from './object-registry.js';
import { preludeLimits } from './prelude-limits.js';
import { allocateId, sessionState } from './session-state.js';

function countAttempt(method: string): void {
  if (sessionState.callAttempts >= preludeLimits.callAttempts) {
    throw new LimitError(method, `the session already made ${preludeLimits.callAttempts} call attempts, VoxEngine's limit`);
  }
  sessionState.callAttempts++;
}

function startCall(kind: 'sip' | 'pstn', to: string, callerid: string | undefined, params: Record<string, Data>): Call {
  const callId = allocateId('call');
  const displayName = typeof params.displayName === 'string' ? params.displayName : '';
  const call = createCall({
    id: callId,
    state: CallState.PROGRESSING,
    incoming: false,
    callerid: callerid ?? '',
    displayName,
    number: to,
    clientType: kind,
    customData: '',
    headers: {},
  });
  calls.set(callId, call);
  sendCommand(callerid === undefined
    ? { op: 'call.create', callId, kind, to, params }
    : { op: 'call.create', callId, kind, to, callerid, params });
  return call;
}

/** VoxEngine's older positional form: `callSIP(to, callerid, displayName, password, authUser, extraHeaders, video, outProxy)`. */
const legacySipArguments = ['callerid', 'displayName', 'password', 'authUser', 'headers', 'video', 'outProxy'] as const;

export function callSIP(to: string, parameters?: unknown, ...rest: unknown[]): Call {
  const method = 'VoxEngine.callSIP';
  requireString(method, 'to', to);
  let raw: unknown = parameters;
  if (parameters !== undefined && parameters !== null && typeof parameters !== 'object') {
    const positional = [parameters, ...rest];
    raw = Object.fromEntries(legacySipArguments.map((name, i) => [name, positional[i]]).filter(([, value]) => value !== undefined));
  }
  const params = optionalParameters(method, 'parameters', raw);
  const headerSource = params.headers ?? params.extraHeaders;
  delete params.extraHeaders;
  params.headers = optionalHeaders(method, 'parameters.headers', headerSource);
  const callerid = optionalString(method, 'parameters.callerid', params.callerid);
  optionalString(method, 'parameters.displayName', params.displayName);
  countAttempt(method);
  return startCall('sip', to, callerid, params);
}

export function callPSTN(number: string, callerid: string, parameters?: unknown): Call {
  const method = 'VoxEngine.callPSTN';
  requireString(method, 'number', number);
  requireString(method, 'callerid', callerid);
  const params = optionalParameters(method, 'parameters', parameters);
  if (params.headers !== undefined) params.headers = optionalHeaders(method, 'parameters.headers', params.headers);
  countAttempt(method);
  return startCall('pstn', number, callerid, params);
}

/**
 * Checks a `{op:'call.create'}` command (`VoxEngine.callSIP` / `callPSTN`) and turns it into a {@link DialRequest}
 * with its answer timeout: VoxEngine's `VI-CallTimeout` header (seconds, 10 to 400) is a control header for the
 * engine, taken out of the headers sent to the far end.
 */
import {
  ScenarioArgumentError,
  optionalHeaders,
  optionalObject,
  optionalString,
  requireInteger,
  requireString,
} from '../call/scenario-arguments.js';
import type { DialRequest } from './session-types.js';

export const callIdPattern = /^[\w.:-]{1,64}$/;

export interface OutgoingCallRequest {
  dial: DialRequest;
  answerTimeoutMs: number | undefined;
}

export function parseOutgoingCall(command: Record<string, unknown>): OutgoingCallRequest {
  const kind = command['kind'] === 'pstn' ? 'pstn' : command['kind'] === 'sip' ? 'sip' : undefined;
  if (!kind) throw new ScenarioArgumentError('VoxEngine.call', 'kind', `must be sip or pstn, got ${JSON.stringify(command['kind'])}`);
  const api = kind === 'pstn' ? 'VoxEngine.callPSTN' : 'VoxEngine.callSIP';
  const callId = requireString(api, 'callId', command['callId'], 64);
  if (!callIdPattern.test(callId)) throw new ScenarioArgumentError(api, 'callId', 'is not a valid call id');
  const to = requireString(api, kind === 'pstn' ? 'number' : 'to', command['to'], 2048).trim();
  if (to === '') throw new ScenarioArgumentError(api, kind === 'pstn' ? 'number' : 'to', 'must not be empty');
  const params = optionalObject(api, 'parameters', command['params']);
  const headers = optionalHeaders(api, 'parameters.headers', params['headers']);
  let answerTimeoutMs: number | undefined;
  for (const name of Object.keys(headers)) {
    if (name.toLowerCase() !== 'vi-calltimeout') continue;
    const seconds = Number(headers[name]);
    requireInteger(api, `parameters.headers['${name}']`, Number.isNaN(seconds) ? headers[name] : seconds, 10, 400);
    answerTimeoutMs = seconds * 1000;
    delete headers[name];
  }
  const callerid =
    optionalString(api, 'callerid', command['callerid'], 256) ?? optionalString(api, 'parameters.callerid', params['callerid'], 256) ?? '';
  const displayName = optionalString(api, 'parameters.displayName', params['displayName'], 256) ?? '';
  const { headers: _headers, callerid: _callerid, displayName: _displayName, ...rest } = params;
  return { dial: { callId, kind, to, callerid, displayName, headers, params: rest }, answerTimeoutMs };
}

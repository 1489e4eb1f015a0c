/**
 * `VoxEngine.createTTSPlayer`, `createURLPlayer`, `createToneScriptPlayer` and `createRecorder`. Each allocates the
 * unit's id, announces it with `unit.create` and returns the object at once; its events arrive as `unit` events.
 */
import type { Data } from '../../session/scenario-protocol.js';
import { ArgumentError, LimitError } from './argument-error.js';
import { isPlainObject, optionalHeaders, optionalParameters, requireString, toData } from './argument-checks.js';
import { sendCommand } from './bridge.js';
import { Voice } from './constants/voice.js';
import { createPlayer, type Player } from './player.js';
import { preludeLimits } from './prelude-limits.js';
import { createRecorderUnit, type Recorder } from './recorder.js';
import { allocateId, sessionState } from './session-state.js';

function newPlayer(method: string, kind: 'tts' | 'url' | 'toneScript', params: Record<string, Data>): Player {
  if (sessionState.livePlayers >= preludeLimits.livePlayers) {
    throw new LimitError(method, `the session already has ${preludeLimits.livePlayers} players, VoxEngine's limit`);
  }
  const unitId = allocateId('player');
  const player = createPlayer(unitId);
  sendCommand({ op: 'unit.create', unitId, kind, params });
  return player;
}

/** `parameters` may also be a voice, as with `call.say`. */
export function createTTSPlayer(text: string, parameters?: unknown): Player {
  const method = 'VoxEngine.createTTSPlayer';
  requireString(method, 'text', text);
  const options = parameters instanceof Voice ? { language: parameters } : parameters;
  return newPlayer(method, 'tts', { ...optionalParameters(method, 'parameters', options), text });
}

/** `request` is a URL, or VoxEngine's request object `{ url, method, headers: [{name, value}], body }`. */
export function createURLPlayer(request: unknown, parameters?: unknown): Player {
  const method = 'VoxEngine.createURLPlayer';
  const params: Record<string, Data> = optionalParameters(method, 'parameters', parameters);
  if (typeof request === 'string') {
    params.url = request;
  } else if (isPlainObject(request)) {
    params.url = requireString(method, 'request.url', request.url);
    if (request.method !== undefined) params.method = requireString(method, 'request.method', request.method);
    if (request.headers !== undefined) {
      params.headers = Array.isArray(request.headers)
        ? toData(method, 'request.headers', request.headers)
        : optionalHeaders(method, 'request.headers', request.headers);
    }
    if (request.body !== undefined) params.body = toData(method, 'request.body', request.body);
  } else {
    throw new ArgumentError(method, 'request must be a URL string or an object with a url');
  }
  return newPlayer(method, 'url', params);
}

export function createToneScriptPlayer(script: string, parameters?: unknown): Player {
  const method = 'VoxEngine.createToneScriptPlayer';
  requireString(method, 'script', script);
  return newPlayer(method, 'toneScript', { ...optionalParameters(method, 'parameters', parameters), script });
}

/** VoxEngine also takes `createRecorder(name, secure)`. */
export function createRecorder(parameters?: unknown, secure?: unknown): Recorder {
  const method = 'VoxEngine.createRecorder';
  const raw = typeof parameters === 'string' ? { name: parameters, secure: secure === true } : parameters;
  const params = optionalParameters(method, 'parameters', raw);
  const unitId = allocateId('recorder');
  const recorder = createRecorderUnit(unitId);
  sendCommand({ op: 'unit.create', unitId, kind: 'recorder', params });
  return recorder;
}

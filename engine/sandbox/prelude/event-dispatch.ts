/**
 * `__callscript_deliver`: the host hands every {@link ScenarioEvent} here as JSON. The prelude finds the object it
 * concerns, applies mirror updates, adds the fields VoxEngine payloads carry (`call`, `name`, `id`, ...) and runs the
 * scenario's listeners. A listener's exception propagates to the host on purpose (it ends the session).
 */
import type { ScenarioEvent } from '../../session/scenario-protocol.js';
import { appListeners } from './app-listeners.js';
import { createCall, deliverCallEvent } from './call.js';
import { AppEvents, eventsWithHeaders } from './constants/events.js';
import { deliverHttpResult } from './net.js';
import { calls, units } from './object-registry.js';
import { sessionState } from './session-state.js';
import { fireTimer } from './timers.js';

/** After `VoxEngine.terminate()` VoxEngine delivers only these; HTTP results still arrive for the one request allowed in `Terminating`. */
const afterTerminate: ReadonlySet<string> = new Set([AppEvents.Terminating, AppEvents.Terminated]);

/**
 * App payloads name calls by id (`call` or `callId`); the scenario sees the `Call` object. The `Started` payload
 * may carry the session's initial `customData` (a session started with custom data), which becomes
 * `VoxEngine.customData()`.
 */
function appPayload(event: string, payload: Record<string, unknown>): Record<string, unknown> {
  const result: Record<string, unknown> = { ...payload, name: event };
  const callId = typeof payload.call === 'string' ? payload.call : typeof payload.callId === 'string' ? payload.callId : undefined;
  if (callId !== undefined) {
    const call = calls.get(callId);
    if (call) result.call = call;
    delete result.callId;
  }
  if (event === AppEvents.CallAlerting && result.headers === undefined) result.headers = {};
  if (event === AppEvents.Started && typeof payload.customData === 'string') {
    sessionState.customData = payload.customData;
    delete result.customData;
  }
  return result;
}

function deliverEvent(event: ScenarioEvent): void {
  if (sessionState.terminating && !(event.type === 'app' && afterTerminate.has(event.event)) && event.type !== 'http.result') return;
  switch (event.type) {
    case 'app':
      appListeners.dispatch(event.event, appPayload(event.event, event.payload));
      return;
    case 'call.added':
      if (!calls.has(event.mirror.id)) calls.set(event.mirror.id, createCall(event.mirror));
      return;
    case 'call': {
      const call = calls.get(event.callId);
      if (!call) return;
      const payload: Record<string, unknown> = { ...event.payload };
      if (eventsWithHeaders.has(event.event) && payload.headers === undefined) payload.headers = {};
      deliverCallEvent(call, event.event, payload, event.mirror);
      return;
    }
    case 'unit':
      units.get(event.unitId)?.(event.event, { ...event.payload });
      return;
    case 'timer':
      fireTimer(event.timerId);
      return;
    case 'http.result':
      deliverHttpResult(event.requestId, { ...event.result });
      return;
  }
}

/** Kept from load time, so that a scenario replacing `JSON.parse` cannot change what the host delivers. */
const parse = JSON.parse;

export function deliver(json: string): void {
  deliverEvent(parse(json) as ScenarioEvent);
}

/** `Recorder`: the media unit `VoxEngine.createRecorder` returns; calls and players record into it with `sendMediaTo`. */
import { requireBoolean } from './argument-checks.js';
import { sendCommand } from './bridge.js';
import { ListenerRegistry } from './listener-registry.js';
import { registerMediaUnit } from './media-unit-refs.js';
import { units } from './object-registry.js';

interface RecorderInternals {
  id: string;
  listeners: ListenerRegistry;
}

const internals = new WeakMap<Recorder, RecorderInternals>();
const constructorToken = Symbol('Recorder');

function internalsOf(recorder: Recorder): RecorderInternals {
  const state = internals.get(recorder);
  if (!state) throw new TypeError('Recorder: not a recorder created by VoxEngine');
  return state;
}

export class Recorder {
  constructor(token: symbol, id: string) {
    if (token !== constructorToken) throw new TypeError('Recorder: recorders come from VoxEngine.createRecorder');
    const state: RecorderInternals = { id, listeners: new ListenerRegistry('Recorder') };
    internals.set(this, state);
    registerMediaUnit(this, { kind: 'recorder', id });
    units.set(id, (event, payload) => state.listeners.dispatch(event, { ...payload, recorder: this, name: event }));
  }

  id(): string {
    return internalsOf(this).id;
  }
  addEventListener(event: string, callback: (event: Record<string, unknown>) => unknown): void {
    internalsOf(this).listeners.add(event, callback);
  }
  removeEventListener(event: string, callback?: (event: Record<string, unknown>) => unknown): void {
    internalsOf(this).listeners.remove(event, callback);
  }
  mute(doMute: boolean): void {
    sendCommand({ op: 'unit.method', unitId: internalsOf(this).id, method: 'mute', args: [requireBoolean('Recorder.mute', 'doMute', doMute)] });
  }
  /** Stops recording; `RecorderEvents.Stopped` follows with the duration. */
  stop(): void {
    sendCommand({ op: 'unit.method', unitId: internalsOf(this).id, method: 'stop', args: [] });
  }
}

export function createRecorderUnit(id: string): Recorder {
  return new Recorder(constructorToken, id);
}

/**
 * The data-only protocol between a session (host side) and the scenario prelude running inside the sandbox
 * (DESIGN.md, "Sandbox"). Two messages cross the boundary, both plain JSON-compatible data, copied and size-capped:
 * a {@link ScenarioCommand} from the isolate to the host, and a {@link ScenarioEvent} from the host to the isolate.
 *
 * Ids of objects created by the scenario (calls it places, players, recorders, timers, HTTP requests) are allocated
 * inside the isolate, so that `VoxEngine.callSIP()` can return a `Call` synchronously; the host checks that each id is
 * new and that every later command names an object owned by the same session. Ids of incoming calls are allocated by
 * the host and announced with `call.added`.
 *
 * Listener registration stays inside the isolate: the host delivers every event of an object, and the prelude
 * dispatches it to the listeners that the scenario added. Synchronous getters (`call.state()`, `call.number()`, ...)
 * read the {@link CallMirror} kept inside the isolate; every event may carry a mirror update applied before dispatch.
 *
 * This file is shared by both sides. Extend it by adding members; do not change the meaning of existing ones.
 */

/** Plain data that survives a structured copy across the boundary. */
export type Data = null | boolean | number | string | Data[] | { [key: string]: Data };

/** The synchronous view of a call kept inside the isolate. */
export interface CallMirror {
  id: string;
  /** VoxEngine's call state string, e.g. 'TERMINATED', 'CONNECTED' (see `call.state()` in the reference). */
  state: string;
  incoming: boolean;
  callerid: string;
  displayName: string;
  number: string;
  clientType: string;
  customData: string;
  /** Headers of the initial INVITE (or of the simulated incoming call), names as received. */
  headers: Record<string, string>;
}

/** A reference to anything that can take part in media routing (`sendMediaTo`, `sendMediaBetween`). */
export interface MediaUnitRef {
  kind: 'call' | 'player' | 'recorder' | 'conference';
  id: string;
}

/** isolate -> host */
export type ScenarioCommand =
  /**
   * A `Call` method with its arguments, already validated by the prelude; the host validates again. `args` are
   * positional as the method takes them, with absent header maps and parameter objects sent as `{}`; `decline` is
   * sent as `reject`, and a voice (`Language.X`, `VoiceList...`) as `{ provider, name, language, gender }`.
   */
  | { op: 'call.method'; callId: string; method: string; args: Data[] }
  /** `VoxEngine.callSIP` / `callPSTN` / `callUser`...: `callId` is new, allocated by the prelude. */
  | { op: 'call.create'; callId: string; kind: 'sip' | 'pstn'; to: string; callerid?: string; params: Record<string, Data> }
  /**
   * A player or recorder created by `VoxEngine.createTTSPlayer`, `createURLPlayer`, `createToneScriptPlayer`,
   * `createRecorder`. `params` are the factory's parameters, flat, beside `text` (tts), `url` (url) or `script`.
   */
  | { op: 'unit.create'; unitId: string; kind: 'tts' | 'url' | 'toneScript' | 'recorder'; params: Record<string, Data> }
  | { op: 'unit.method'; unitId: string; method: string; args: Data[] }
  /** Media routing between any two units (calls included). */
  | { op: 'media.send'; from: MediaUnitRef; to: MediaUnitRef }
  | { op: 'media.stop'; from: MediaUnitRef; to: MediaUnitRef }
  /** Scenario timers run on the session's clock; `repeat` is the interval for `setInterval`. */
  | { op: 'timer.set'; timerId: number; delayMs: number; repeat: boolean }
  | { op: 'timer.clear'; timerId: number }
  | { op: 'http.request'; requestId: number; url: string; options: Record<string, Data> }
  | { op: 'log'; text: string }
  | { op: 'session.customData'; value: string }
  | { op: 'terminate' }
  /**
   * A scenario error that the prelude caught where no host call could see it (a rejected promise from an async
   * handler, a rejection left unhandled, a listener that is not a function). The sandbox maps `stack` through the
   * scenario's source map and ends the session.
   */
  | { op: 'fatal'; reason: 'unhandledRejection' | 'invalidHandler' | 'exception'; message: string; stack?: string };

/** host -> isolate */
export type ScenarioEvent =
  /**
   * `AppEvents.*`: `payload` holds the event's fields except `name`, which the prelude adds. A call is named by its
   * id (`call: '<callId>'`, announced by `call.added`); the scenario receives the `Call` object. `Application.Started`
   * may carry the session's `customData`, which becomes `VoxEngine.customData()` (and is not shown to the listener).
   */
  | { type: 'app'; event: string; payload: Record<string, Data> }
  /** A call created by the host (incoming), announced before the event that carries it (`AppEvents.CallAlerting`). */
  | { type: 'call.added'; mirror: CallMirror }
  /** `CallEvents.*` for one call: the prelude applies `mirror`, then dispatches with `call`, `name`, `id` added. */
  | { type: 'call'; callId: string; event: string; payload: Record<string, Data>; mirror?: Partial<CallMirror> }
  /** `PlayerEvents.*` / `RecorderEvents.*` for one unit. */
  | { type: 'unit'; unitId: string; event: string; payload: Record<string, Data> }
  | { type: 'timer'; timerId: number }
  | { type: 'http.result'; requestId: number; result: Record<string, Data> };

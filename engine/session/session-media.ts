/**
 * The session's media units (players and recorders the scenario created) and its media routes (`sendMediaTo`,
 * `sendMediaBetween`). A call receives one stream at a time: routing a new source to a call replaces its playback and
 * its previous source (DESIGN.md, "Media").
 */
import type { Call } from '../call/call.js';
import type { MediaPort } from '../call/media-port.js';
import type { MediaUnitFactory, PlayerRequest, PlayerUnit, RecorderUnit } from '../call/media-unit.js';
import {
  ScenarioArgumentError,
  ScenarioLimitError,
  optionalBoolean,
  optionalObject,
  requireBoolean,
  requireNumber,
  requireString,
} from '../call/scenario-arguments.js';
import type { Data, MediaUnitRef } from './scenario-protocol.js';
import type { SessionLimits } from './session-types.js';

type Unit = { kind: 'player'; unit: PlayerUnit } | { kind: 'recorder'; unit: RecorderUnit };

export interface MediaRoute {
  from: MediaUnitRef;
  to: MediaUnitRef;
}

export const PlayerEvents = {
  Created: 'Player.Created',
  PlaybackReady: 'Player.PlaybackReady',
  Started: 'Player.Started',
  PlaybackFinished: 'Player.PlaybackFinished',
  PlaybackMarkerReached: 'Player.PlaybackMarkerReached',
  Stopped: 'Player.Stopped',
} as const;

export const RecorderEvents = {
  Started: 'Recorder.Started',
  Stopped: 'Recorder.Stopped',
  RecorderError: 'Recorder.Error',
} as const;

const unitIdPattern = /^[\w.:-]{1,64}$/;

export class SessionMedia {
  private readonly units = new Map<string, Unit>();
  private readonly routeList: MediaRoute[] = [];
  private activePlayers = 0;

  constructor(
    private readonly factory: MediaUnitFactory,
    private readonly limits: SessionLimits,
    private readonly findCall: (callId: string) => Call | undefined,
    private readonly emit: (unitId: string, event: string, payload: Record<string, Data>) => void,
  ) {}

  get routes(): readonly MediaRoute[] {
    return this.routeList;
  }

  create(unitId: unknown, kind: unknown, params: unknown): void {
    const id = requireString('VoxEngine.create', 'unitId', unitId, 64);
    if (!unitIdPattern.test(id) || this.units.has(id)) throw new ScenarioArgumentError('VoxEngine.create', 'unitId', `${id} is not a new unit id`);
    const p = optionalObject('VoxEngine.create', 'params', params);
    if (kind === 'recorder') {
      const api = 'VoxEngine.createRecorder';
      const parameters = p;
      const lossless = optionalBoolean(api, 'parameters.lossless', parameters['lossless']) ?? false;
      const options = { stereo: false, format: lossless ? ('wav' as const) : ('mp3' as const), parameters };
      const unit = this.factory.createRecorder(`recorder:${id}`, options, {
        started: (url) => this.emit(id, RecorderEvents.Started, { url }),
        stopped: (url, duration) => this.emit(id, RecorderEvents.Stopped, { url, duration, cost: '0' }),
        error: (error) => this.emit(id, RecorderEvents.RecorderError, { error }),
      });
      this.units.set(id, { kind: 'recorder', unit });
      return;
    }
    const request = playerRequest(kind, p);
    if (this.activePlayers >= this.limits.maxActivePlayers) {
      throw new ScenarioLimitError('maxActivePlayers', `a session may have at most ${this.limits.maxActivePlayers} players`);
    }
    if (request.source.kind === 'tts' && request.source.text.length > this.limits.maxSayChars) {
      throw new ScenarioArgumentError('VoxEngine.createTTSPlayer', 'text', `must be at most ${this.limits.maxSayChars} characters`);
    }
    this.activePlayers++;
    const unit = this.factory.createPlayer(`player:${id}`, request, {
      ready: () => this.emit(id, PlayerEvents.PlaybackReady, {}),
      started: (duration) => this.emit(id, PlayerEvents.Started, { duration }),
      finished: (error) => this.emit(id, PlayerEvents.PlaybackFinished, error === undefined ? {} : { error }),
      markerReached: (offset) => this.emit(id, PlayerEvents.PlaybackMarkerReached, { offset }),
    });
    this.units.set(id, { kind: 'player', unit });
    this.emit(id, PlayerEvents.Created, {});
  }

  invoke(unitId: unknown, method: unknown, args: unknown): void {
    const entry = typeof unitId === 'string' ? this.units.get(unitId) : undefined;
    if (!entry) throw new ScenarioArgumentError('unit', 'unitId', `${String(unitId)} is not a player or recorder of this session`);
    const list = Array.isArray(args) ? (args as Data[]) : [];
    if (entry.kind === 'recorder') {
      if (method === 'stop') return entry.unit.stop();
      if (method === 'mute') return entry.unit.mute(requireBoolean('Recorder.mute', 'doMute', list[0]));
      throw new ScenarioArgumentError('Recorder', 'method', `names no Recorder method: ${JSON.stringify(method)}`);
    }
    const player = entry.unit;
    if (method === 'pause') return player.pause();
    if (method === 'resume') return player.resume();
    if (method === 'addMarker') return player.addMarker(requireNumber('Player.addMarker', 'offset', list[0], -86_400_000, 86_400_000));
    if (method === 'stop') {
      player.stop();
      this.emit(unitId as string, PlayerEvents.Stopped, {});
      this.unroute(`player:${unitId as string}`);
      this.units.delete(unitId as string);
      player.close();
      this.activePlayers--;
      return;
    }
    throw new ScenarioArgumentError('Player', 'method', `names no Player method: ${JSON.stringify(method)}`);
  }

  send(from: unknown, to: unknown): void {
    const source = this.port('sendMediaTo', 'source', from, 'send');
    const target = this.port('sendMediaTo', 'mediaUnit', to, 'receive');
    if (source.port === target.port) throw new ScenarioArgumentError('sendMediaTo', 'mediaUnit', 'cannot be the sending unit itself');
    if (target.call) {
      target.call.playback.replaced();
      // The call's previous source stops feeding it: a call receives one stream.
      for (let i = this.routeList.length - 1; i >= 0; i--) {
        if (sameRef(this.routeList[i]!.to, target.ref)) this.routeList.splice(i, 1);
      }
    }
    target.port.connectFrom(source.port);
    this.routeList.push({ from: source.ref, to: target.ref });
  }

  stop(from: unknown, to: unknown): void {
    const source = this.port('stopMediaTo', 'source', from, 'send');
    const target = this.port('stopMediaTo', 'mediaUnit', to, 'receive');
    target.port.disconnectFrom(source.port);
    const index = this.routeList.findIndex((r) => sameRef(r.from, source.ref) && sameRef(r.to, target.ref));
    if (index >= 0) this.routeList.splice(index, 1);
  }

  /** A call ended: the routes it took part in are gone. */
  callEnded(callId: string): void {
    for (let i = this.routeList.length - 1; i >= 0; i--) {
      const route = this.routeList[i]!;
      if (isCall(route.from, callId) || isCall(route.to, callId)) this.routeList.splice(i, 1);
    }
  }

  /** Stops every recorder and player and releases them. Idempotent. */
  close(): void {
    for (const entry of this.units.values()) {
      entry.unit.stop();
      entry.unit.close();
    }
    this.units.clear();
    this.routeList.length = 0;
    this.activePlayers = 0;
  }

  private unroute(portId: string): void {
    for (let i = this.routeList.length - 1; i >= 0; i--) {
      const route = this.routeList[i]!;
      if (`${route.from.kind}:${route.from.id}` === portId) this.routeList.splice(i, 1);
    }
  }

  private port(api: string, argument: string, value: unknown, role: 'send' | 'receive') {
    const ref = value as MediaUnitRef | null;
    if (!ref || typeof ref !== 'object' || typeof ref.id !== 'string') {
      throw new ScenarioArgumentError(api, argument, 'must be a call, player or recorder');
    }
    if (ref.kind === 'call') {
      const call = this.findCall(ref.id);
      if (!call) throw new ScenarioArgumentError(api, argument, `is not a call of this session: ${ref.id}`);
      return { ref: { kind: ref.kind, id: ref.id }, port: call.leg as MediaPort, call };
    }
    const entry = this.units.get(ref.id);
    if (!entry || entry.kind !== ref.kind) throw new ScenarioArgumentError(api, argument, `is not a ${String(ref.kind)} of this session: ${ref.id}`);
    if (entry.kind === 'player' && role === 'receive') throw new ScenarioArgumentError(api, argument, 'is a player, which cannot receive media');
    if (entry.kind === 'recorder' && role === 'send') throw new ScenarioArgumentError(api, argument, 'is a recorder, which cannot send media');
    return { ref: { kind: ref.kind, id: ref.id }, port: entry.unit as MediaPort, call: undefined };
  }
}

/** The prelude sends each factory's parameters flat, beside `text`, `url` or `script`. */
function playerRequest(kind: unknown, p: Record<string, Data>): PlayerRequest {
  if (kind === 'tts') {
    const api = 'VoxEngine.createTTSPlayer';
    const { text, ...options } = p;
    const paused = optionalBoolean(api, 'parameters.onPause', p['onPause']) ?? false;
    return { source: { kind: 'tts', text: requireString(api, 'text', text, 1_000_000), options }, paused };
  }
  if (kind === 'url') {
    const api = 'VoxEngine.createURLPlayer';
    const url = requireString(api, 'request.url', p['url'], 4096);
    const loop = optionalBoolean(api, 'parameters.loop', p['loop']) ?? false;
    const progressive = optionalBoolean(api, 'parameters.progressivePlayback', p['progressivePlayback']) ?? false;
    return { source: { kind: 'url', url, loop, progressive }, paused: optionalBoolean(api, 'parameters.onPause', p['onPause']) ?? false };
  }
  if (kind === 'toneScript') {
    const api = 'VoxEngine.createToneScriptPlayer';
    const script = requireString(api, 'script', p['script'], 4096);
    const loop = optionalBoolean(api, 'parameters.loop', p['loop']) ?? false;
    return { source: { kind: 'toneScript', script, loop }, paused: false };
  }
  throw new ScenarioArgumentError('VoxEngine.create', 'kind', `must be tts, url, toneScript or recorder, got ${JSON.stringify(kind)}`);
}

function sameRef(a: MediaUnitRef, b: MediaUnitRef): boolean {
  return a.kind === b.kind && a.id === b.id;
}

function isCall(ref: MediaUnitRef, callId: string): boolean {
  return ref.kind === 'call' && ref.id === callId;
}

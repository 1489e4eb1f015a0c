/**
 * `Player`: the media unit that `VoxEngine.createTTSPlayer`, `createURLPlayer` and `createToneScriptPlayer` return.
 * It plays into whatever it is sent to with `sendMediaTo`, like a call does.
 */
import { requireInteger } from './argument-checks.js';
import { sendCommand } from './bridge.js';
import { PlayerEvents } from './constants/events.js';
import { ListenerRegistry } from './listener-registry.js';
import { registerMediaUnit, sendMedia, stopMedia } from './media-unit-refs.js';
import { units } from './object-registry.js';
import { sessionState } from './session-state.js';

interface PlayerInternals {
  id: string;
  listeners: ListenerRegistry;
  /** Counted against the session's live players until it stops, finishes or fails. */
  live: boolean;
}

const internals = new WeakMap<Player, PlayerInternals>();
const constructorToken = Symbol('Player');
const endEvents: ReadonlySet<string> = new Set([PlayerEvents.Stopped, PlayerEvents.PlaybackFinished, PlayerEvents.Error]);

function internalsOf(player: Player): PlayerInternals {
  const state = internals.get(player);
  if (!state) throw new TypeError('Player: not a player created by VoxEngine');
  return state;
}

function release(state: PlayerInternals): void {
  if (!state.live) return;
  state.live = false;
  sessionState.livePlayers--;
}

function playerMethod(player: Player, method: string, args: Array<number | boolean>): void {
  sendCommand({ op: 'unit.method', unitId: internalsOf(player).id, method, args });
}

export class Player {
  constructor(token: symbol, id: string) {
    if (token !== constructorToken) throw new TypeError('Player: players come from VoxEngine.createTTSPlayer/createURLPlayer/createToneScriptPlayer');
    const state: PlayerInternals = { id, listeners: new ListenerRegistry('Player'), live: true };
    internals.set(this, state);
    sessionState.livePlayers++;
    registerMediaUnit(this, { kind: 'player', id });
    units.set(id, (event, payload) => {
      if (endEvents.has(event)) release(state);
      state.listeners.dispatch(event, { ...payload, player: this, name: event });
    });
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
  pause(): void {
    playerMethod(this, 'pause', []);
  }
  resume(): void {
    playerMethod(this, 'resume', []);
  }
  /** Stops playback and destroys the player. */
  stop(): void {
    release(internalsOf(this));
    playerMethod(this, 'stop', []);
  }
  addMarker(offset: number): void {
    playerMethod(this, 'addMarker', [requireInteger('Player.addMarker', 'offset', offset, -86_400_000, 86_400_000)]);
  }
  sendMediaTo(mediaUnit: object): void {
    sendMedia('Player.sendMediaTo', this, mediaUnit);
  }
  stopMediaTo(mediaUnit: object): void {
    stopMedia('Player.stopMediaTo', this, mediaUnit);
  }
}

export function createPlayer(id: string): Player {
  return new Player(constructorToken, id);
}

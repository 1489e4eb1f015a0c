/**
 * Anything that can take part in media routing (`sendMediaTo`, `sendMediaBetween`) is known to the host by a
 * {@link MediaUnitRef}. The prelude keeps the reference beside the object instead of on it, so scenario code cannot
 * forge or alter it.
 */
import type { MediaUnitRef } from '../../session/scenario-protocol.js';
import { ArgumentError } from './argument-error.js';
import { sendCommand } from './bridge.js';

const refs = new WeakMap<object, MediaUnitRef>();

export function registerMediaUnit(unit: object, ref: MediaUnitRef): void {
  refs.set(unit, Object.freeze({ ...ref }));
}

export function mediaUnitRef(method: string, name: string, unit: unknown): MediaUnitRef {
  const ref = unit !== null && typeof unit === 'object' ? refs.get(unit) : undefined;
  if (!ref) throw new ArgumentError(method, `${name} must be a Call, Player or Recorder`);
  return ref;
}

export function sendMedia(method: string, from: object, to: unknown): void {
  sendCommand({ op: 'media.send', from: mediaUnitRef(method, 'this', from), to: mediaUnitRef(method, 'mediaUnit', to) });
}

export function stopMedia(method: string, from: object, to: unknown): void {
  sendCommand({ op: 'media.stop', from: mediaUnitRef(method, 'this', from), to: mediaUnitRef(method, 'mediaUnit', to) });
}

/** `VoxEngine.sendMediaBetween`: both directions, as two routes the host can stop independently. */
export function sendMediaBetween(mediaUnit1: unknown, mediaUnit2: unknown): void {
  const method = 'VoxEngine.sendMediaBetween';
  const a = mediaUnitRef(method, 'mediaUnit1', mediaUnit1);
  const b = mediaUnitRef(method, 'mediaUnit2', mediaUnit2);
  sendCommand({ op: 'media.send', from: a, to: b });
  sendCommand({ op: 'media.send', from: b, to: a });
}

export function stopMediaBetween(mediaUnit1: unknown, mediaUnit2: unknown): void {
  const method = 'VoxEngine.stopMediaBetween';
  const a = mediaUnitRef(method, 'mediaUnit1', mediaUnit1);
  const b = mediaUnitRef(method, 'mediaUnit2', mediaUnit2);
  sendCommand({ op: 'media.stop', from: a, to: b });
  sendCommand({ op: 'media.stop', from: b, to: a });
}

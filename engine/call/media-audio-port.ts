/**
 * The media side of `sendMediaTo` for real units: a {@link MediaPort} whose audio can be fed into another unit's
 * input. A SIP leg feeds what its endpoint receives; a player feeds what it plays. The simulated leg has no audio
 * and does not implement it.
 */
import type { AudioSink, MediaInput } from '../media/media-types.js';
import type { MediaPort } from './media-port.js';

export interface AudioFeedingPort extends MediaPort {
  /** `input` starts receiving this port's audio, replacing whatever it received before. */
  feedAudioTo(input: MediaInput): void;
  /** `input` stops receiving this port's audio; a no-op when it receives something else by now. */
  stopAudioTo(input: MediaInput): void;
}

export function isAudioFeedingPort(port: MediaPort): port is AudioFeedingPort {
  const candidate = port as Partial<AudioFeedingPort>;
  return typeof candidate.feedAudioTo === 'function' && typeof candidate.stopAudioTo === 'function';
}

/** A {@link MediaPort} whose received audio can be copied to a sink (a recorder unit routed with `sendMediaTo`). */
export interface AudioTappingPort extends MediaPort {
  /** `sink` receives a copy of every frame this port receives from its far end, as `received`. */
  tapReceivedAudio(sink: AudioSink): void;
  untapReceivedAudio(sink: AudioSink): void;
}

export function isAudioTappingPort(port: MediaPort): port is AudioTappingPort {
  const candidate = port as Partial<AudioTappingPort>;
  return typeof candidate.tapReceivedAudio === 'function' && typeof candidate.untapReceivedAudio === 'function';
}

import { parseVoxSayParameters } from '../tts/vox-voice.js';
import type { PlaybackRequest } from './player-types.js';

/**
 * A playback as the call layer describes it after reading a scenario's `say`, `startPlayback`, `playProgressTone`
 * or `createToneScriptPlayer` (engine/call/call-leg.ts `PlaybackSource` has this shape; the media layer cannot import
 * it, so the shape is restated here and TypeScript matches them structurally).
 */
export type VoxPlayback =
  | { readonly kind: 'tts'; readonly text: string; readonly options: Record<string, unknown> }
  | { readonly kind: 'url'; readonly url: string; readonly loop: boolean }
  | { readonly kind: 'progressTone'; readonly country: string }
  | { readonly kind: 'toneScript'; readonly script: string; readonly loop: boolean }
  | { readonly kind: 'silence' };

/** The player request for a scenario's playback: `say` parameters become a voice and prosody. */
export function playbackRequestFromVox(playback: VoxPlayback): PlaybackRequest {
  switch (playback.kind) {
    case 'tts': {
      const { voice, prosody } = parseVoxSayParameters(playback.options);
      return { kind: 'tts', text: playback.text, voice, prosody };
    }
    case 'url':
      return { kind: 'url', url: playback.url, loop: playback.loop };
    case 'progressTone':
      return { kind: 'progressTone', country: playback.country };
    case 'toneScript':
      return { kind: 'toneScript', script: playback.script, loop: playback.loop };
    case 'silence':
      return { kind: 'silence' };
  }
}

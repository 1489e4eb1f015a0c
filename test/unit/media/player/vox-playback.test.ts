import { describe, expect, it } from 'vitest';
import type { PlaybackSource } from '../../../../engine/call/call-leg.js';
import { playbackRequestFromVox } from '../../../../engine/media/player/vox-playback.js';

describe('playbackRequestFromVox', () => {
  it("turns the call layer's playback sources into player requests", () => {
    const sources: PlaybackSource[] = [
      { kind: 'tts', text: 'Hi', options: { voice: { provider: 'Amazon', name: 'en_GB_Brian', language: 'en-GB', gender: 'male' }, ttsOptions: { rate: 'slow' } } },
      { kind: 'url', url: 'https://example.org/a.mp3', loop: true, progressive: false },
      { kind: 'progressTone', country: 'RU' },
      { kind: 'toneScript', script: '425@-16;*(1/4/1)', loop: false },
      { kind: 'silence' },
    ];
    expect(sources.map(playbackRequestFromVox)).toEqual([
      { kind: 'tts', text: 'Hi', voice: { language: 'en-GB', gender: 'male' }, prosody: { rate: 'slow' } },
      { kind: 'url', url: 'https://example.org/a.mp3', loop: true },
      { kind: 'progressTone', country: 'RU' },
      { kind: 'toneScript', script: '425@-16;*(1/4/1)', loop: false },
      { kind: 'silence' },
    ]);
  });
});

import { AudioSourceError } from '../sources/audio-source-error.js';
import { ClipStream } from '../sources/clip-stream.js';
import type { PcmStream } from '../sources/pcm-stream.js';
import { progressToneScript } from '../sources/progress-tones.js';
import { SilenceStream } from '../sources/silence-stream.js';
import { parseToneScript } from '../sources/tone-script.js';
import { ToneStream } from '../sources/tone-stream.js';
import type { UrlAudioLoader } from '../sources/url-audio-loader.js';
import type { SpeechSynthesizer } from '../tts/speech-synthesizer.js';
import { TtsError } from '../tts/tts-types.js';
import type { PlaybackRequest } from './player-types.js';

/** Turns a playback request into a stream of samples; rejects with the reason it cannot. */
export interface PlaybackSources {
  prepare(request: PlaybackRequest): Promise<PcmStream>;
}

export interface MediaPlaybackSourcesOptions {
  readonly urls: UrlAudioLoader;
  readonly speech: SpeechSynthesizer;
}

/** The engine's sources: files and URLs, text to speech, progress tones, tone scripts and silence. */
export class MediaPlaybackSources implements PlaybackSources {
  constructor(private readonly options: MediaPlaybackSourcesOptions) {}

  async prepare(request: PlaybackRequest): Promise<PcmStream> {
    switch (request.kind) {
      case 'url':
        return new ClipStream((await this.options.urls.load(request.url)).samples);
      case 'tts': {
        const { text, voice, prosody } = request;
        return new ClipStream((await this.options.speech.synthesize({ text, voice, ...(prosody ? { prosody } : {}) })).samples);
      }
      case 'progressTone':
        return new ToneStream(parseToneScript(progressToneScript(request.country, request.tone)));
      case 'toneScript':
        return new ToneStream(parseToneScript(request.script));
      case 'silence':
        return new SilenceStream(request.seconds ?? Infinity);
    }
  }
}

/** The text of PlaybackFinished's `error`: the stable code, then what went wrong. */
export function describePlaybackError(error: unknown): string {
  if (error instanceof AudioSourceError || error instanceof TtsError) return `${error.code}: ${error.message}`;
  return `playback_failed: ${error instanceof Error ? error.message : String(error)}`;
}

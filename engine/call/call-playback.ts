/**
 * `say`, `startPlayback`, `stopPlayback` and `playProgressTone`: what the call plays to its far end, and the
 * `Playback*` events. A new playback replaces the current one (DESIGN.md, "Media": one incoming stream per call); the
 * leg reports nothing for a replaced playback, and `stopPlayback` ends it without `PlaybackFinished`, as the
 * reference says.
 */
import type { CallContext } from './call-context.js';
import type { PlaybackSource } from './call-leg.js';

export class CallPlayback {
  private active = false;

  constructor(private readonly ctx: CallContext) {}

  say(text: string, options: Record<string, unknown>): void {
    if (!this.canPlay('say')) return;
    if (text.length > this.ctx.limits.maxSayChars) {
      // The reference: text over 1500 characters triggers PlaybackFinished with an error description.
      this.ctx.emit('Call.PlaybackFinished', {
        error: `say text is ${text.length} characters, more than the limit of ${this.ctx.limits.maxSayChars}`,
      });
      return;
    }
    this.start({ kind: 'tts', text, options });
  }

  startPlayback(url: string, loop: boolean, progressive: boolean): void {
    if (this.canPlay('startPlayback')) this.start({ kind: 'url', url, loop, progressive });
  }

  playProgressTone(country: string): void {
    if (this.canPlay('playProgressTone')) this.start({ kind: 'progressTone', country });
  }

  stopPlayback(): void {
    if (!this.active) return;
    this.active = false;
    this.ctx.leg.stopPlayback();
  }

  /** Another stream (`sendMediaTo` from a call or player) replaced the playback. */
  replaced(): void {
    this.active = false;
  }

  ready(): void {
    if (this.active) this.ctx.emit('Call.PlaybackReady', {});
  }

  started(durationSeconds: number): void {
    if (this.active) this.ctx.emit('Call.PlaybackStarted', { duration: durationSeconds });
  }

  finished(error?: string): void {
    if (!this.active) return;
    this.active = false;
    this.ctx.emit('Call.PlaybackFinished', error === undefined ? {} : { error });
  }

  private start(source: PlaybackSource): void {
    this.active = true;
    this.ctx.leg.play(source);
  }

  private canPlay(method: string): boolean {
    const state = this.ctx.state();
    // Media flows once the call is connected, or in early media (PROGRESSING) before that.
    if (state === 'CONNECTED' || state === 'PROGRESSING') return true;
    this.ctx.log.warn({ method, state }, 'playback ignored: the call carries no media in this state');
    return false;
  }
}

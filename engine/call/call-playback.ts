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
  /** A playback asked for between `answer()` and the confirmed dialog: it starts on `Connected`. */
  private pending: PlaybackSource | undefined;

  constructor(private readonly ctx: CallContext) {}

  say(text: string, options: Record<string, unknown>): void {
    if (text.length > this.ctx.limits.maxSayChars) {
      // The reference: text over 1500 characters triggers PlaybackFinished with an error description.
      this.ctx.emit('Call.PlaybackFinished', {
        error: `say text is ${text.length} characters, more than the limit of ${this.ctx.limits.maxSayChars}`,
      });
      return;
    }
    this.play('say', { kind: 'tts', text, options });
  }

  startPlayback(url: string, loop: boolean, progressive: boolean): void {
    this.play('startPlayback', { kind: 'url', url, loop, progressive });
  }

  playProgressTone(country: string): void {
    this.play('playProgressTone', { kind: 'progressTone', country });
  }

  stopPlayback(): void {
    this.pending = undefined;
    if (!this.active) return;
    this.active = false;
    this.ctx.leg.stopPlayback();
  }

  /** Another stream (`sendMediaTo` from a call or player) replaced the playback. */
  replaced(): void {
    this.active = false;
    this.pending = undefined;
  }

  /** The call is connected: a playback asked for while answering starts now. */
  connected(): void {
    const source = this.pending;
    this.pending = undefined;
    if (source) this.start(source);
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

  private play(method: string, source: PlaybackSource): void {
    if (this.canPlay(method, source)) this.start(source);
  }

  private start(source: PlaybackSource): void {
    this.active = true;
    this.ctx.leg.play(source);
  }

  private canPlay(method: string, source?: PlaybackSource): boolean {
    const state = this.ctx.state();
    if (state === 'ALERTING' && this.ctx.answerPending() && source) {
      this.pending = source;
      return false;
    }
    // Media flows once the call is connected, or in early media (PROGRESSING) before that.
    if (state === 'CONNECTED' || state === 'PROGRESSING') return true;
    this.ctx.log.warn({ method, state }, 'playback ignored: the call carries no media in this state');
    return false;
  }
}

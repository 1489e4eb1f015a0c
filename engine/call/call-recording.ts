/**
 * `call.record()` and the `Record*` events. Recording stops when the call ends; the leg then reports
 * `RecordStopped`, which the reference places after `Disconnected`.
 */
import type { CallContext } from './call-context.js';
import type { RecordingOptions } from './call-leg.js';

export class CallRecording {
  private recording = false;
  private readonly urls: string[] = [];

  constructor(private readonly ctx: CallContext) {}

  get active(): boolean {
    return this.recording;
  }

  /** URLs of every recording this call made, for its call record. */
  get recordingUrls(): readonly string[] {
    return this.urls;
  }

  start(options: RecordingOptions): void {
    const state = this.ctx.state();
    if (state !== 'CONNECTED' && state !== 'PROGRESSING') {
      this.ctx.log.warn({ state }, 'record ignored: the call carries no media in this state');
      return;
    }
    if (this.recording) {
      this.ctx.log.warn('record ignored: the call is already being recorded');
      return;
    }
    this.recording = true;
    this.ctx.leg.startRecording(options);
  }

  /** Called when the call ends; returns whether a `RecordStopped` is still to come. */
  stopForHangup(): boolean {
    if (!this.recording) return false;
    this.ctx.leg.stopRecording();
    return true;
  }

  started(url: string): void {
    this.urls.push(url);
    this.ctx.emit('Call.RecordStarted', { url });
  }

  stopped(url: string, durationSeconds: number): void {
    this.recording = false;
    // callscript records locally, so a recording costs nothing; the field keeps the reference's shape.
    this.ctx.emit('Call.RecordStopped', { url, cost: '0', duration: durationSeconds });
  }

  error(error: string): void {
    this.recording = false;
    this.ctx.emit('Call.RecordError', { error });
  }
}

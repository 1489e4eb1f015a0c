/**
 * Optional analysis of the call's audio that the scenario switches on: beep detection, microphone status and
 * periodic media statistics. The leg does the detection; this component guards the switches and reports.
 */
import type { ArgData } from './scenario-arguments.js';
import type { BeepDetectionOptions } from './call-leg.js';
import type { CallContext } from './call-context.js';

export class CallDetectors {
  private micStatus = false;
  private statistics = false;

  constructor(private readonly ctx: CallContext) {}

  enableBeepDetection(options: BeepDetectionOptions): void {
    this.ctx.leg.setBeepDetection(options);
  }

  disableBeepDetection(): void {
    this.ctx.leg.setBeepDetection(null);
  }

  handleMicStatus(handle: boolean): void {
    this.micStatus = handle;
    this.ctx.leg.setMicStatusDetection(handle);
  }

  monitorMediaStatistics(monitor: boolean, intervalSeconds: number): void {
    this.statistics = monitor;
    this.ctx.leg.setMediaStatistics(monitor ? intervalSeconds : null);
  }

  beepComplete(frequencies: number[], timeout: boolean): void {
    this.ctx.emit('Call.BeepDetectionComplete', { frequencies, timeout });
  }

  beepError(reason: string): void {
    this.ctx.emit('Call.BeepDetectionError', { reason });
  }

  micChanged(active: boolean): void {
    if (this.micStatus) this.ctx.emit('Call.MicStatusChange', { active });
  }

  mediaStatistics(audio: Record<string, unknown>): void {
    if (this.statistics) this.ctx.emit('Call.MediaStatisticsReceived', { audio: audio as Record<string, ArgData> });
  }
}

/**
 * Call transfer in both directions (RFC 3515 REFER): `transferTo` asks the far end to call someone else, blind or
 * attended; `handleBlindTransfer` lets the scenario see the far end's own REFER as `BlindTransferRequested` and answer
 * it with `notifyBlindTransferSuccess` / `notifyBlindTransferFailed`.
 */
import type { CallContext } from './call-context.js';
import type { TransferProgress, TransferRequest } from './call-leg.js';

export class CallTransfer {
  private handleRefer = false;
  private pendingRefer = false;

  constructor(private readonly ctx: CallContext) {}

  transferTo(request: TransferRequest): void {
    if (this.ctx.state() !== 'CONNECTED') {
      // RFC 3515 section 2.4.1: REFER is sent within an established dialog.
      this.ctx.log.warn({ state: this.ctx.state() }, 'transferTo ignored: the call is not connected');
      return;
    }
    this.ctx.leg.transfer(request);
  }

  progress(progress: TransferProgress): void {
    if (progress.outcome === 'complete') {
      this.ctx.emit('Call.TransferComplete', { headers: progress.headers, role: progress.role });
      return;
    }
    this.ctx.emit('Call.TransferFailed', {
      headers: progress.headers,
      role: progress.role,
      code: progress.code ?? 500,
      reason: progress.reason ?? 'Transfer failed',
    });
  }

  handleBlindTransfer(handle: boolean): void {
    this.handleRefer = handle;
  }

  referReceived(transferTo: string, headers: Record<string, string>): void {
    if (!this.handleRefer) {
      // RFC 3515 section 2.4.2: a REFER the UA will not act on gets a final failure.
      this.ctx.leg.notifyBlindTransfer({ ok: false, code: 603, reason: 'Decline' });
      return;
    }
    this.pendingRefer = true;
    this.ctx.emit('Call.BlindTransferRequested', { headers, transferTo });
  }

  notifySuccess(): void {
    if (!this.takePending('notifyBlindTransferSuccess')) return;
    this.ctx.leg.notifyBlindTransfer({ ok: true });
  }

  notifyFailed(code: number, reason: string): void {
    if (!this.takePending('notifyBlindTransferFailed')) return;
    this.ctx.leg.notifyBlindTransfer({ ok: false, code, reason });
  }

  private takePending(method: string): boolean {
    if (this.pendingRefer) {
      this.pendingRefer = false;
      return true;
    }
    this.ctx.log.warn({ method }, 'ignored: no blind transfer request is pending');
    return false;
  }
}

import type { CallLegDelegate } from './call-leg.js';

/**
 * How a SIP leg's parts report to the call: always asynchronously (the `CallLeg` contract), in order, held until the
 * owner installs its delegate (an outgoing leg's INVITE is already under way when the `Call` is built), and never
 * after `close()`.
 */
export class SipLegReporter {
  private delegate: CallLegDelegate | undefined;
  private held: ((delegate: CallLegDelegate) => void)[] = [];
  private closed = false;

  setDelegate(delegate: CallLegDelegate): void {
    this.delegate = delegate;
    const held = this.held;
    this.held = [];
    for (const fn of held) this.report(fn);
  }

  report(fn: (delegate: CallLegDelegate) => void): void {
    if (this.closed) return;
    if (!this.delegate) {
      this.held.push(fn);
      return;
    }
    queueMicrotask(() => {
      if (!this.closed && this.delegate) fn(this.delegate);
    });
  }

  close(): void {
    this.closed = true;
    this.held = [];
  }
}

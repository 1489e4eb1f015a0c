/**
 * The session's events on their way to the sandbox, in order. Delivery is deferred to a microtask: an event caused by
 * a scenario command must not re-enter the sandbox while the command is still being handled inside it. After
 * `terminate()` a filter lets through only what VoxEngine still delivers (`Terminating`, `Terminated`, and the result
 * of the one HTTP request allowed in the `Terminating` handler).
 */
import type { ScenarioEvent } from './scenario-protocol.js';
import type { ScenarioEventChannel } from './session-types.js';

export class EventOutbox {
  private queue: ScenarioEvent[] = [];
  private scheduled = false;
  private closed = false;
  private filter: ((event: ScenarioEvent) => boolean) | undefined;

  constructor(
    private readonly channel: ScenarioEventChannel,
    private readonly onDeliverError: (error: unknown) => void,
  ) {}

  get pending(): number {
    return this.queue.length;
  }

  push(event: ScenarioEvent): void {
    if (this.closed || (this.filter && !this.filter(event))) return;
    this.queue.push(event);
    if (this.scheduled) return;
    this.scheduled = true;
    queueMicrotask(() => this.drain());
  }

  /** From now on only events `allow` accepts are delivered (queued ones included). */
  restrict(allow: (event: ScenarioEvent) => boolean): void {
    this.filter = allow;
    this.queue = this.queue.filter(allow);
  }

  /** Drops everything still queued; nothing is delivered afterwards. Idempotent. */
  close(): void {
    this.closed = true;
    this.queue = [];
  }

  private drain(): void {
    this.scheduled = false;
    while (this.queue.length > 0 && !this.closed) {
      const event = this.queue.shift()!;
      try {
        this.channel.deliver(event);
      } catch (error) {
        this.onDeliverError(error);
      }
    }
  }
}

import type { Clock, TimerHandle } from '../../clock.js';
import { FRAME_DURATION_MS } from '../media-types.js';

/**
 * A stream paced by the scheduler. `onTick` is a plain function field (the per-frame path, STYLE.md habit 4); it
 * receives the index of the 20 ms frame period being sent and the time that period was due, so that a sender derives
 * its RTP timestamp from the frame index and never drifts.
 */
export interface PacedStream {
  onTick: (frameIndex: number, dueAt: number) => void;
}

export interface FrameSchedulerOptions {
  /**
   * The 20 ms period is split into this many slots, and streams are spread over them, so that 1,000 streams do not all
   * send in one burst at the same instant. Every stream still sends exactly once per 20 ms.
   */
  slots?: number;
  /**
   * A slot is filled up to this many streams before the next one is opened, so that a few calls cost a few wake-ups
   * per period rather than one per slot; past slots x this, streams go to the least loaded slot.
   */
  streamsPerSlot?: number;
  /** A wake-up this late or later is a stall: the missed periods are skipped rather than sent in a burst. */
  maxCatchUpFrames?: number;
  /** Called with a stream's error; the stream stays scheduled and the others are not disturbed. */
  onStreamError?: (error: unknown) => void;
}

/**
 * The one engine-wide 20 ms scheduler (DESIGN.md, "Media"): every outgoing stream is driven from here, against the
 * monotonic clock. Due times are computed from the start instant (start + n x period), never by adding a period to
 * the last wake-up, so timer lateness does not accumulate into drift. One timer is armed at a time, for the next due
 * slot; there are no per-call timers.
 */
export class FrameScheduler {
  private readonly slotCount: number;
  private readonly slotMs: number;
  private readonly maxCatchUpFrames: number;
  private readonly slots: Set<PacedStream>[];
  private readonly slotOf = new Map<PacedStream, number>();
  private readonly epoch: number;
  /** The next (frame, slot) to run, as an absolute slot counter: frame = floor(n / slots). */
  private nextSlotIndex = 0;
  private timer: TimerHandle | null = null;
  private closed = false;

  constructor(
    private readonly clock: Clock,
    private readonly options: FrameSchedulerOptions = {},
  ) {
    this.slotCount = options.slots ?? 20;
    this.slotMs = FRAME_DURATION_MS / this.slotCount;
    this.maxCatchUpFrames = options.maxCatchUpFrames ?? 5;
    this.slots = Array.from({ length: this.slotCount }, () => new Set<PacedStream>());
    this.epoch = clock.now();
  }

  get streamCount(): number {
    return this.slotOf.size;
  }

  /** Starts pacing a stream from the next free period; adding twice is a no-op. */
  add(stream: PacedStream): void {
    if (this.closed || this.slotOf.has(stream)) return;
    const perSlot = this.options.streamsPerSlot ?? 50;
    let slot = this.slots.findIndex((streams) => streams.size < perSlot);
    if (slot < 0) {
      slot = 0;
      for (let i = 1; i < this.slotCount; i++) if (this.slots[i]!.size < this.slots[slot]!.size) slot = i;
    }
    this.slots[slot]!.add(stream);
    this.slotOf.set(stream, slot);
    if (this.timer === null) {
      this.nextSlotIndex = Math.max(this.nextSlotIndex, Math.ceil((this.clock.now() - this.epoch) / this.slotMs));
      this.arm();
    }
  }

  remove(stream: PacedStream): void {
    const slot = this.slotOf.get(stream);
    if (slot === undefined) return;
    this.slotOf.delete(stream);
    this.slots[slot]!.delete(stream);
    if (this.slotOf.size === 0 && this.timer !== null) {
      this.clock.clearTimer(this.timer);
      this.timer = null;
    }
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    if (this.timer !== null) this.clock.clearTimer(this.timer);
    this.timer = null;
    for (const slot of this.slots) slot.clear();
    this.slotOf.clear();
  }

  private arm(): void {
    // Empty slots have nothing to run: wake up for the next occupied one (at most one period ahead).
    for (let i = 0; i < this.slotCount && this.slots[this.nextSlotIndex % this.slotCount]!.size === 0; i++) {
      this.nextSlotIndex++;
    }
    const due = this.epoch + this.nextSlotIndex * this.slotMs;
    this.timer = this.clock.setTimer(() => this.run(), Math.max(0, due - this.clock.now()));
  }

  private run(): void {
    this.timer = null;
    if (this.closed) return;
    const now = this.clock.now();
    const lateSlots = Math.floor((now - this.epoch) / this.slotMs) - this.nextSlotIndex;
    if (lateSlots > this.maxCatchUpFrames * this.slotCount) {
      // A stall (a blocked event loop, a suspended VM): resume at the current period instead of bursting.
      this.nextSlotIndex += lateSlots - (lateSlots % this.slotCount);
    }
    // Timers fire on a millisecond grid, so a slot due within half a millisecond is run now rather than re-armed.
    while (this.epoch + this.nextSlotIndex * this.slotMs <= now + 0.5) {
      const frameIndex = Math.floor(this.nextSlotIndex / this.slotCount);
      const slot = this.nextSlotIndex % this.slotCount;
      const dueAt = this.epoch + frameIndex * FRAME_DURATION_MS + slot * this.slotMs;
      for (const stream of this.slots[slot]!) {
        try {
          stream.onTick(frameIndex, dueAt);
        } catch (error) {
          this.options.onStreamError?.(error);
        }
      }
      this.nextSlotIndex++;
    }
    if (this.slotOf.size > 0 && !this.closed) this.arm();
  }
}

import type { Clock, TimerHandle } from '../../clock.js';

export interface MediaActivityDelegate {
  onFirstPacket(): void;
  onStopped(): void;
  onResumed(): void;
}

/** VoxEngine's `RtpStopped` fires within 7 seconds of the media stopping. */
export const DEFAULT_MEDIA_TIMEOUT_MS = 7000;

/**
 * First-packet, media-stopped and media-resumed signals for one endpoint, on the injectable clock. One timer at a
 * time: armed when media starts, and on expiry it checks the time of the last packet, re-arming for the remainder
 * instead of being reset on every packet (50 timer resets per second per call would cost more than the check).
 */
export class MediaActivityMonitor {
  private lastPacketAt = 0;
  private firstAudioSeen = false;
  private stopped = false;
  private timer: TimerHandle | null = null;
  private closed = false;

  constructor(
    private readonly clock: Clock,
    private readonly delegate: MediaActivityDelegate,
    private readonly timeoutMs = DEFAULT_MEDIA_TIMEOUT_MS,
  ) {}

  /**
   * Called for each RTP packet from the peer, audio or telephone event; only audio counts as the first packet
   * (`FirstAudioPacketReceived`). RTCP does not count: its randomised interval reaches 7.5 s (RFC 3550 section
   * 6.3.1), so a stream kept alive by RTCP alone would flap around the 7 s limit.
   */
  packet(isAudio: boolean): void {
    if (this.closed) return;
    this.lastPacketAt = this.clock.now();
    if (!this.firstAudioSeen && isAudio) {
      this.firstAudioSeen = true;
      this.delegate.onFirstPacket();
    }
    if (this.stopped) {
      this.stopped = false;
      this.delegate.onResumed();
    }
    if (this.timer === null) this.arm(this.timeoutMs);
  }

  close(): void {
    this.closed = true;
    if (this.timer !== null) this.clock.clearTimer(this.timer);
    this.timer = null;
  }

  private arm(delayMs: number): void {
    this.timer = this.clock.setTimer(() => this.expire(), delayMs);
  }

  private expire(): void {
    this.timer = null;
    if (this.closed) return;
    const silentFor = this.clock.now() - this.lastPacketAt;
    if (silentFor < this.timeoutMs) {
      this.arm(this.timeoutMs - silentFor);
      return;
    }
    this.stopped = true;
    this.delegate.onStopped();
  }
}

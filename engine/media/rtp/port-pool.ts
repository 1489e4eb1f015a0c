import { MediaError } from '../media-error.js';

/**
 * The configured UDP port range for RTP. RFC 3550 section 11: RTP uses an even port and RTCP the next odd one, so
 * the pool hands out even ports and reserves each pair. Ports come back with {@link release}; {@link inUse} lets
 * tests assert that every endpoint returned its port.
 */
export class PortPool {
  private readonly free: number[] = [];
  private readonly taken = new Set<number>();

  constructor(
    readonly minPort: number,
    readonly maxPort: number,
  ) {
    if (!Number.isInteger(minPort) || !Number.isInteger(maxPort) || minPort < 1024 || maxPort > 65535 || minPort > maxPort) {
      throw new MediaError('invalid-argument', `bad RTP port range ${minPort}-${maxPort}`);
    }
    const first = minPort % 2 === 0 ? minPort : minPort + 1;
    for (let port = first; port + 1 <= maxPort; port += 2) this.free.push(port);
    if (this.free.length === 0) throw new MediaError('invalid-argument', `RTP port range ${minPort}-${maxPort} holds no pair`);
  }

  /** An even RTP port whose successor is reserved for RTCP. Throws `port-range-exhausted`. */
  acquire(): number {
    const port = this.free.shift();
    if (port === undefined) throw new MediaError('port-range-exhausted', `no free RTP port in ${this.minPort}-${this.maxPort}`);
    this.taken.add(port);
    return port;
  }

  /** Returns a port; a port that is not taken is ignored, so a double release cannot corrupt the pool. */
  release(port: number): void {
    if (!this.taken.delete(port)) return;
    // To the back of the queue: a port just closed may still receive the old call's stray packets.
    this.free.push(port);
  }

  get inUse(): number {
    return this.taken.size;
  }

  get capacity(): number {
    return this.free.length + this.taken.size;
  }
}

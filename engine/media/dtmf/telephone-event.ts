/**
 * The RFC 4733 section 2.3 payload of a named telephone event:
 *
 *     0                   1                   2                   3
 *     0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *    +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *    |     event     |E|R| volume    |          duration             |
 *    +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *
 * duration is in timestamp units since the event's start, which the RTP timestamp marks.
 */
export class TelephoneEvent {
  constructor(
    public event: number,
    public end: boolean,
    /** Power level in -dBm0, 0-63 (section 2.5.2.2). */
    public volume: number,
    public duration: number,
  ) {}

  static readonly SIZE = 4;

  /** Returns null for a payload shorter than four octets (section 2.3 allows several events; the first one counts). */
  static parse(payload: Uint8Array): TelephoneEvent | null {
    if (payload.length < TelephoneEvent.SIZE) return null;
    return new TelephoneEvent(payload[0]!, (payload[1]! & 0x80) !== 0, payload[1]! & 0x3f, (payload[2]! << 8) | payload[3]!);
  }

  serialize(): Uint8Array {
    const out = new Uint8Array(TelephoneEvent.SIZE);
    out[0] = this.event;
    out[1] = (this.end ? 0x80 : 0) | (this.volume & 0x3f);
    out[2] = (this.duration >> 8) & 0xff;
    out[3] = this.duration & 0xff;
    return out;
  }
}

import { MediaError } from '../media-error.js';

/**
 * An RTP data packet, RFC 3550 section 5.1:
 *
 *     0                   1                   2                   3
 *     0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *    +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *    |V=2|P|X|  CC   |M|     PT      |       sequence number         |
 *    +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *    |                           timestamp                           |
 *    +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *    |           synchronization source (SSRC) identifier            |
 *    +=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+
 *    |            contributing source (CSRC) identifiers             |
 *    |                             ....                              |
 *    +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *    |      defined by profile       |            length             |   (X=1, section 5.3.1;
 *    |                        header extension                       |    length in 32-bit words)
 *    +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *    |                            payload  ...  | padding | pad count|   (P=1: last octet counts padding)
 */

export const RTP_HEADER_SIZE = 12;

export interface RtpHeaderExtension {
  profile: number;
  /** Whole 32-bit words, as carried on the wire. */
  data: Uint8Array;
}

export class RtpPacket {
  constructor(
    public payloadType: number,
    public sequenceNumber: number,
    public timestamp: number,
    public ssrc: number,
    public payload: Uint8Array,
    public marker = false,
    public csrcs: number[] = [],
    public extension: RtpHeaderExtension | null = null,
    /** Octets of padding including the count octet; 0 for none. */
    public paddingSize = 0,
  ) {}

  /** Parses one datagram; throws {@link MediaError} `rtp-malformed` on anything RFC 3550 section 5.1 forbids. */
  static parse(data: Uint8Array): RtpPacket {
    if (data.length < RTP_HEADER_SIZE) throw new MediaError('rtp-malformed', `RTP packet of ${data.length} octets`);
    const view = new DataView(data.buffer, data.byteOffset, data.byteLength);
    const first = data[0]!;
    if (first >> 6 !== 2) throw new MediaError('rtp-malformed', `RTP version ${first >> 6}`);
    const hasPadding = (first & 0x20) !== 0;
    const hasExtension = (first & 0x10) !== 0;
    const csrcCount = first & 0x0f;
    const second = data[1]!;
    let offset = RTP_HEADER_SIZE;
    const csrcs: number[] = [];
    if (data.length < offset + csrcCount * 4) throw new MediaError('rtp-malformed', 'CSRC list past the end');
    for (let i = 0; i < csrcCount; i++, offset += 4) csrcs.push(view.getUint32(offset));
    let extension: RtpHeaderExtension | null = null;
    if (hasExtension) {
      if (data.length < offset + 4) throw new MediaError('rtp-malformed', 'header extension past the end');
      const profile = view.getUint16(offset);
      const words = view.getUint16(offset + 2);
      offset += 4;
      if (data.length < offset + words * 4) throw new MediaError('rtp-malformed', 'header extension past the end');
      extension = { profile, data: data.slice(offset, offset + words * 4) };
      offset += words * 4;
    }
    let end = data.length;
    let paddingSize = 0;
    if (hasPadding) {
      paddingSize = data[data.length - 1]!;
      if (paddingSize === 0 || end - paddingSize < offset) throw new MediaError('rtp-malformed', 'bad padding count');
      end -= paddingSize;
    }
    return new RtpPacket(
      second & 0x7f,
      view.getUint16(2),
      view.getUint32(4),
      view.getUint32(8),
      data.subarray(offset, end),
      (second & 0x80) !== 0,
      csrcs,
      extension,
      paddingSize,
    );
  }

  get size(): number {
    const extensionSize = this.extension ? 4 + this.extension.data.length : 0;
    return RTP_HEADER_SIZE + this.csrcs.length * 4 + extensionSize + this.payload.length + this.paddingSize;
  }

  /** Writes the packet into `out` (a fresh buffer when absent) and returns the bytes written. */
  serialize(out: Uint8Array = new Uint8Array(this.size)): Uint8Array {
    const size = this.size;
    const view = new DataView(out.buffer, out.byteOffset, size);
    out[0] = 0x80 | (this.paddingSize ? 0x20 : 0) | (this.extension ? 0x10 : 0) | this.csrcs.length;
    out[1] = (this.marker ? 0x80 : 0) | (this.payloadType & 0x7f);
    view.setUint16(2, this.sequenceNumber & 0xffff);
    view.setUint32(4, this.timestamp >>> 0);
    view.setUint32(8, this.ssrc >>> 0);
    let offset = RTP_HEADER_SIZE;
    for (const csrc of this.csrcs) {
      view.setUint32(offset, csrc >>> 0);
      offset += 4;
    }
    if (this.extension) {
      view.setUint16(offset, this.extension.profile);
      view.setUint16(offset + 2, this.extension.data.length / 4);
      out.set(this.extension.data, offset + 4);
      offset += 4 + this.extension.data.length;
    }
    out.set(this.payload, offset);
    offset += this.payload.length;
    if (this.paddingSize) {
      out.fill(0, offset, size - 1);
      out[size - 1] = this.paddingSize;
    }
    return out.subarray(0, size);
  }
}

/**
 * Writes a plain 12-octet header (no CSRC, extension or padding) at the start of `out`: the send path's allocation-
 * free form of {@link RtpPacket.serialize}.
 */
export function writeRtpHeader(out: Uint8Array, payloadType: number, sequenceNumber: number, timestamp: number, ssrc: number, marker: boolean): void {
  out[0] = 0x80;
  out[1] = (marker ? 0x80 : 0) | (payloadType & 0x7f);
  out[2] = (sequenceNumber >> 8) & 0xff;
  out[3] = sequenceNumber & 0xff;
  out[4] = (timestamp >>> 24) & 0xff;
  out[5] = (timestamp >>> 16) & 0xff;
  out[6] = (timestamp >>> 8) & 0xff;
  out[7] = timestamp & 0xff;
  out[8] = (ssrc >>> 24) & 0xff;
  out[9] = (ssrc >>> 16) & 0xff;
  out[10] = (ssrc >>> 8) & 0xff;
  out[11] = ssrc & 0xff;
}

import { MediaError } from '../media-error.js';

/**
 * RTCP packets, RFC 3550 section 6.4. Every packet starts with the common header:
 *
 *     0                   1                   2                   3
 *     0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *    +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *    |V=2|P|    RC   |   PT=SR=200   |             length            |   length: 32-bit words minus one
 *    +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *    |                         SSRC of sender                        |
 *    +=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+
 *    |              NTP timestamp, most significant word             |   sender info: SR only
 *    |             NTP timestamp, least significant word             |
 *    |                         RTP timestamp                         |
 *    |                     sender's packet count                     |
 *    |                      sender's octet count                     |
 *    +=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+
 *    |                 SSRC_1 (SSRC of first source)                 |   report block, RC times (SR and RR)
 *    | fraction lost |       cumulative number of packets lost       |
 *    |           extended highest sequence number received           |
 *    |                      interarrival jitter                      |
 *    |                         last SR (LSR)                         |
 *    |                   delay since last SR (DLSR)                  |
 *    +=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+
 *
 * The receiver report (PT=201) is the same without the sender info. SDES (202) carries chunks of an SSRC and its
 * items; any other packet type, and any packet with padding, is kept as its raw octets so that a compound packet
 * round-trips byte for byte.
 */

export const RTCP_SR = 200;
export const RTCP_RR = 201;
export const RTCP_SDES = 202;
export const RTCP_BYE = 203;
/** SDES item type of the canonical name, section 6.5.1. */
export const SDES_CNAME = 1;

export interface ReportBlock {
  ssrc: number;
  /** Fraction of packets lost since the previous report, in 1/256 (section 6.4.1). */
  fractionLost: number;
  /** Cumulative packets lost; signed 24 bits (duplicates can make it negative). */
  cumulativeLost: number;
  extendedHighestSequence: number;
  /** Interarrival jitter in timestamp units (appendix A.8). */
  jitter: number;
  lastSenderReport: number;
  delaySinceLastSenderReport: number;
}

export interface SenderInfo {
  ntpSeconds: number;
  ntpFraction: number;
  rtpTimestamp: number;
  packetCount: number;
  octetCount: number;
}

export interface SdesChunk {
  ssrc: number;
  items: { type: number; text: string }[];
}

export type RtcpPacket =
  | { type: 'sr'; ssrc: number; sender: SenderInfo; reports: ReportBlock[] }
  | { type: 'rr'; ssrc: number; reports: ReportBlock[] }
  | { type: 'sdes'; chunks: SdesChunk[] }
  | { type: 'raw'; packetType: number; bytes: Uint8Array };

const REPORT_BLOCK_SIZE = 24;
const SENDER_INFO_SIZE = 20;

/** Parses a compound RTCP datagram (section 6.1) into its packets; throws `rtcp-malformed`. */
export function parseRtcp(data: Uint8Array): RtcpPacket[] {
  const packets: RtcpPacket[] = [];
  const view = new DataView(data.buffer, data.byteOffset, data.byteLength);
  let offset = 0;
  if (data.length < 4) throw new MediaError('rtcp-malformed', `RTCP datagram of ${data.length} octets`);
  while (offset < data.length) {
    if (data.length - offset < 4) throw new MediaError('rtcp-malformed', 'truncated RTCP header');
    const first = data[offset]!;
    if (first >> 6 !== 2) throw new MediaError('rtcp-malformed', `RTCP version ${first >> 6}`);
    const packetType = data[offset + 1]!;
    const size = (view.getUint16(offset + 2) + 1) * 4;
    if (offset + size > data.length) throw new MediaError('rtcp-malformed', 'RTCP length past the end');
    const bytes = data.subarray(offset, offset + size);
    const hasPadding = (first & 0x20) !== 0;
    packets.push(hasPadding ? { type: 'raw', packetType, bytes: bytes.slice() } : parseOne(bytes, first & 0x1f, packetType));
    offset += size;
  }
  return packets;
}

function parseOne(bytes: Uint8Array, count: number, packetType: number): RtcpPacket {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  switch (packetType) {
    case RTCP_SR: {
      if (bytes.length < 8 + SENDER_INFO_SIZE + count * REPORT_BLOCK_SIZE) throw new MediaError('rtcp-malformed', 'short SR');
      const sender: SenderInfo = {
        ntpSeconds: view.getUint32(8),
        ntpFraction: view.getUint32(12),
        rtpTimestamp: view.getUint32(16),
        packetCount: view.getUint32(20),
        octetCount: view.getUint32(24),
      };
      if (bytes.length !== 28 + count * REPORT_BLOCK_SIZE) return { type: 'raw', packetType, bytes: bytes.slice() };
      return { type: 'sr', ssrc: view.getUint32(4), sender, reports: parseReportBlocks(view, 28, count) };
    }
    case RTCP_RR: {
      if (bytes.length < 8 + count * REPORT_BLOCK_SIZE) throw new MediaError('rtcp-malformed', 'short RR');
      // Profile-specific extensions after the report blocks (section 6.4.2) are kept by falling back to raw.
      if (bytes.length !== 8 + count * REPORT_BLOCK_SIZE) return { type: 'raw', packetType, bytes: bytes.slice() };
      return { type: 'rr', ssrc: view.getUint32(4), reports: parseReportBlocks(view, 8, count) };
    }
    case RTCP_SDES:
      return parseSdes(bytes, count);
    default:
      return { type: 'raw', packetType, bytes: bytes.slice() };
  }
}

function parseReportBlocks(view: DataView, start: number, count: number): ReportBlock[] {
  const blocks: ReportBlock[] = [];
  for (let i = 0, at = start; i < count; i++, at += REPORT_BLOCK_SIZE) {
    const lostWord = view.getUint32(at + 4);
    blocks.push({
      ssrc: view.getUint32(at),
      fractionLost: lostWord >>> 24,
      cumulativeLost: ((lostWord & 0xffffff) << 8) >> 8,
      extendedHighestSequence: view.getUint32(at + 8),
      jitter: view.getUint32(at + 12),
      lastSenderReport: view.getUint32(at + 16),
      delaySinceLastSenderReport: view.getUint32(at + 20),
    });
  }
  return blocks;
}

// Section 6.5: each chunk is an SSRC, items of (type, length, text), a null item, padding to a 32-bit boundary.
function parseSdes(bytes: Uint8Array, count: number): RtcpPacket {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const chunks: SdesChunk[] = [];
  let at = 4;
  const decoder = new TextDecoder();
  for (let c = 0; c < count; c++) {
    if (at + 4 > bytes.length) throw new MediaError('rtcp-malformed', 'SDES chunk past the end');
    const chunk: SdesChunk = { ssrc: view.getUint32(at), items: [] };
    at += 4;
    while (true) {
      if (at >= bytes.length) throw new MediaError('rtcp-malformed', 'SDES items past the end');
      const type = bytes[at]!;
      if (type === 0) break;
      const length = bytes[at + 1] ?? 0;
      if (at + 2 + length > bytes.length) throw new MediaError('rtcp-malformed', 'SDES item past the end');
      chunk.items.push({ type, text: decoder.decode(bytes.subarray(at + 2, at + 2 + length)) });
      at += 2 + length;
    }
    at = (at + 4) & ~3;
    chunks.push(chunk);
  }
  const rebuilt = serializeRtcp([{ type: 'sdes', chunks }]);
  // Anything not representable (trailing octets, non-zero padding) stays raw to keep the round trip exact.
  if (rebuilt.length !== bytes.length || !rebuilt.every((b, i) => b === bytes[i])) {
    return { type: 'raw', packetType: RTCP_SDES, bytes: bytes.slice() };
  }
  return { type: 'sdes', chunks };
}

function sizeOf(packet: RtcpPacket): number {
  switch (packet.type) {
    case 'sr':
      return 8 + SENDER_INFO_SIZE + packet.reports.length * REPORT_BLOCK_SIZE;
    case 'rr':
      return 8 + packet.reports.length * REPORT_BLOCK_SIZE;
    case 'sdes':
      return 4 + packet.chunks.reduce((sum, chunk) => sum + sdesChunkSize(chunk), 0);
    case 'raw':
      return packet.bytes.length;
  }
}

function sdesChunkSize(chunk: SdesChunk): number {
  const items = chunk.items.reduce((sum, item) => sum + 2 + Buffer.byteLength(item.text), 0);
  return (4 + items + 4) & ~3;
}

/** Serializes packets into one compound datagram. */
export function serializeRtcp(packets: RtcpPacket[]): Uint8Array {
  const out = new Uint8Array(packets.reduce((sum, p) => sum + sizeOf(p), 0));
  const view = new DataView(out.buffer);
  let offset = 0;
  for (const packet of packets) {
    const size = sizeOf(packet);
    if (packet.type === 'raw') {
      out.set(packet.bytes, offset);
      offset += size;
      continue;
    }
    const count = packet.type === 'sdes' ? packet.chunks.length : packet.reports.length;
    const packetType = packet.type === 'sr' ? RTCP_SR : packet.type === 'rr' ? RTCP_RR : RTCP_SDES;
    out[offset] = 0x80 | count;
    out[offset + 1] = packetType;
    view.setUint16(offset + 2, size / 4 - 1);
    let at = offset + 4;
    if (packet.type === 'sdes') {
      const encoder = new TextEncoder();
      for (const chunk of packet.chunks) {
        const start = at;
        view.setUint32(at, chunk.ssrc >>> 0);
        at += 4;
        for (const item of chunk.items) {
          const text = encoder.encode(item.text);
          // Section 6.5: the length octet bounds an item's text to 255 octets.
          if (text.length > 255) throw new MediaError('invalid-argument', `SDES item of ${text.length} octets`);
          out[at] = item.type;
          out[at + 1] = text.length;
          out.set(text, at + 2);
          at += 2 + text.length;
        }
        at = start + sdesChunkSize(chunk);
      }
    } else {
      view.setUint32(at, packet.ssrc >>> 0);
      at += 4;
      if (packet.type === 'sr') {
        const s = packet.sender;
        for (const word of [s.ntpSeconds, s.ntpFraction, s.rtpTimestamp, s.packetCount, s.octetCount]) {
          view.setUint32(at, word >>> 0);
          at += 4;
        }
      }
      for (const block of packet.reports) {
        view.setUint32(at, block.ssrc >>> 0);
        view.setUint32(at + 4, ((block.fractionLost & 0xff) << 24) | (block.cumulativeLost & 0xffffff));
        view.setUint32(at + 8, block.extendedHighestSequence >>> 0);
        view.setUint32(at + 12, block.jitter >>> 0);
        view.setUint32(at + 16, block.lastSenderReport >>> 0);
        view.setUint32(at + 20, block.delaySinceLastSenderReport >>> 0);
        at += REPORT_BLOCK_SIZE;
      }
    }
    offset += size;
  }
  return out;
}

/** A BYE for one source (section 6.6), without a reason. */
export function byePacket(ssrc: number): RtcpPacket {
  const bytes = new Uint8Array(8);
  bytes[0] = 0x81;
  bytes[1] = RTCP_BYE;
  bytes[3] = 1;
  new DataView(bytes.buffer).setUint32(4, ssrc >>> 0);
  return { type: 'raw', packetType: RTCP_BYE, bytes };
}

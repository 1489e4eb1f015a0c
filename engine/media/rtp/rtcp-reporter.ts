import { byePacket, SDES_CNAME, serializeRtcp, type RtcpPacket } from './rtcp-packet.js';
import type { ReceiveStatistics } from './receive-statistics.js';
import type { RtpSendStream } from './rtp-send-stream.js';

// Seconds between the NTP epoch (1900) and the Unix epoch (1970).
const NTP_UNIX_OFFSET = 2208988800;

/**
 * Builds this endpoint's RTCP compound packets (RFC 3550 section 6.1: a report first, SR if we sent since the last
 * report, else RR, then an SDES with our CNAME) and tracks the peer's last SR for the LSR/DLSR fields (6.4.1).
 */
export class RtcpReporter {
  private lastSenderReport = 0;
  private lastSenderReportAt: number | null = null;
  private packetsAtLastReport = 0;

  constructor(private readonly cname: string) {}

  /** Notes the peer's SR: LSR is the middle 32 bits of its NTP timestamp. */
  onSenderReport(ntpSeconds: number, ntpFraction: number, arrivedAt: number): void {
    this.lastSenderReport = (((ntpSeconds & 0xffff) << 16) | (ntpFraction >>> 16)) >>> 0;
    this.lastSenderReportAt = arrivedAt;
  }

  /** `now` is the monotonic clock in ms; `wallClockMs` the Unix time for the NTP timestamp. */
  build(sender: RtpSendStream, receive: ReceiveStatistics | null, now: number, wallClockMs: number): Uint8Array {
    const delay = this.lastSenderReportAt === null ? 0 : Math.round(((now - this.lastSenderReportAt) / 1000) * 65536);
    const reports = receive ? [receive.takeReportBlock(this.lastSenderReport, delay >>> 0)] : [];
    const packets: RtcpPacket[] = [];
    if (sender.packetsSent > this.packetsAtLastReport) {
      const seconds = Math.floor(wallClockMs / 1000);
      const ntpFraction = Math.floor(((wallClockMs % 1000) / 1000) * 2 ** 32) >>> 0;
      // The RTP timestamp of this same instant, extrapolated from the last packet sent (section 6.4.1).
      const rtpTimestamp = (sender.lastTimestamp + Math.round((now - sender.lastSentAt) * 8)) >>> 0;
      packets.push({
        type: 'sr',
        ssrc: sender.ssrc,
        sender: { ntpSeconds: (seconds + NTP_UNIX_OFFSET) >>> 0, ntpFraction, rtpTimestamp, packetCount: sender.packetsSent >>> 0, octetCount: sender.octetsSent >>> 0 },
        reports,
      });
    } else {
      packets.push({ type: 'rr', ssrc: sender.ssrc, reports });
    }
    this.packetsAtLastReport = sender.packetsSent;
    packets.push({ type: 'sdes', chunks: [{ ssrc: sender.ssrc, items: [{ type: SDES_CNAME, text: this.cname }] }] });
    return serializeRtcp(packets);
  }

  /** The compound packet that ends our participation (section 6.6): an empty RR, the SDES, then BYE. */
  buildBye(sender: RtpSendStream): Uint8Array {
    return serializeRtcp([
      { type: 'rr', ssrc: sender.ssrc, reports: [] },
      { type: 'sdes', chunks: [{ ssrc: sender.ssrc, items: [{ type: SDES_CNAME, text: this.cname }] }] },
      byePacket(sender.ssrc),
    ]);
  }
}

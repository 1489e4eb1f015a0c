import { readFileSync } from 'node:fs';

/** The UDP payloads of a classic little-endian pcap file of Ethernet/IPv4 frames, with their capture times (s). */
export function readPcapUdpPayloads(path: string): { time: number; payload: Uint8Array }[] {
  const data = readFileSync(path);
  if (data.readUInt32LE(0) !== 0xa1b2c3d4 || data.readUInt32LE(20) !== 1) throw new Error(`${path}: not an Ethernet pcap`);
  const packets: { time: number; payload: Uint8Array }[] = [];
  for (let offset = 24; offset + 16 <= data.length; ) {
    const time = data.readUInt32LE(offset) + data.readUInt32LE(offset + 4) / 1e6;
    const length = data.readUInt32LE(offset + 8);
    const frame = data.subarray(offset + 16, offset + 16 + length);
    offset += 16 + length;
    const ipHeader = (frame[14]! & 0x0f) * 4;
    if (frame[14 + 9] !== 17) continue;
    packets.push({ time, payload: new Uint8Array(frame.subarray(14 + ipHeader + 8)) });
  }
  return packets;
}

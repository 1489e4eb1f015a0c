/**
 * `uuidgen()`: an RFC 9562 version 4 UUID. The isolate has no crypto source, so the random bits come from
 * `Math.random`: unique enough for correlation ids, not for secrets.
 */
export function uuidgen(): string {
  const hex: string[] = [];
  for (let i = 0; i < 16; i++) {
    let byte = Math.floor(Math.random() * 256);
    if (i === 6) byte = (byte & 0x0f) | 0x40; // version 4
    if (i === 8) byte = (byte & 0x3f) | 0x80; // RFC 9562 variant
    hex.push(byte.toString(16).padStart(2, '0'));
  }
  const s = hex.join('');
  return `${s.slice(0, 8)}-${s.slice(8, 12)}-${s.slice(12, 16)}-${s.slice(16, 20)}-${s.slice(20)}`;
}

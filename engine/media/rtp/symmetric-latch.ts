/**
 * Symmetric RTP (RFC 4961; "latching" in RFC 7362 section 4): send to the address the peer's media really comes from,
 * which behind a NAT differs from what its SDP says. Until the first good packet, media goes to the SDP address and
 * any source is accepted; after latching, packets from any other source are refused (the endpoint counts and drops
 * them), so a third party cannot inject audio or hijack the stream.
 */
export class SymmetricLatch {
  private signalled: { address: string; port: number } | null = null;
  private latched: { address: string; port: number } | null = null;

  /** Forgets the latch and sends to the SDP address again (a new offer/answer). */
  reset(address: string, port: number): void {
    // RFC 3264 section 8.4: c=0.0.0.0 (an old-style hold) means "send nothing"; on Linux it would reach localhost.
    const unspecified = address === '' || address === '0.0.0.0' || address === '::';
    this.signalled = !unspecified && port > 0 ? { address, port } : null;
    this.latched = null;
  }

  accepts(address: string, port: number): boolean {
    return this.latched === null || (this.latched.address === address && this.latched.port === port);
  }

  latch(address: string, port: number): void {
    if (this.latched === null) this.latched = { address, port };
  }

  get isLatched(): boolean {
    return this.latched !== null;
  }

  /** Where to send: the latched source, else the signalled address; null when neither is known. */
  get target(): { address: string; port: number } | null {
    return this.latched ?? this.signalled;
  }
}

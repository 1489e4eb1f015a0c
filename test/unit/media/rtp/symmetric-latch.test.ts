import { describe, expect, it } from 'vitest';
import { SymmetricLatch } from '../../../../engine/media/rtp/symmetric-latch.js';

describe('SymmetricLatch', () => {
  it('sends to the SDP address until the first packet, then only to and from that source', () => {
    const latch = new SymmetricLatch();
    latch.reset('198.51.100.7', 40000);
    expect(latch.target).toEqual({ address: '198.51.100.7', port: 40000 });
    expect(latch.accepts('203.0.113.9', 5004)).toBe(true);
    latch.latch('203.0.113.9', 5004);
    expect(latch.target).toEqual({ address: '203.0.113.9', port: 5004 });
    expect(latch.accepts('198.51.100.7', 40000)).toBe(false);
    latch.latch('198.51.100.7', 40000);
    expect(latch.target).toEqual({ address: '203.0.113.9', port: 5004 });
  });

  it('latches again after a new offer/answer, and has no target for a port-0, address-less or c=0.0.0.0 stream', () => {
    const latch = new SymmetricLatch();
    latch.reset('198.51.100.7', 40000);
    latch.latch('203.0.113.9', 5004);
    latch.reset('198.51.100.8', 40002);
    expect(latch.isLatched).toBe(false);
    expect(latch.accepts('192.0.2.1', 1)).toBe(true);
    latch.reset('', 40000);
    expect(latch.target).toBeNull();
    latch.reset('198.51.100.7', 0);
    expect(latch.target).toBeNull();
    latch.reset('0.0.0.0', 40000);
    expect(latch.target).toBeNull();
  });
});

import { describe, expect, it } from 'vitest';
import { MediaError } from '../../../../engine/media/media-error.js';
import { PortPool } from '../../../../engine/media/rtp/port-pool.js';

describe('PortPool', () => {
  it('hands out even ports with room for RTCP and takes them back', () => {
    const pool = new PortPool(30001, 30008);
    expect(pool.capacity).toBe(3);
    const ports = [pool.acquire(), pool.acquire(), pool.acquire()];
    expect(ports).toEqual([30002, 30004, 30006]);
    expect(pool.inUse).toBe(3);
    expect(() => pool.acquire()).toThrow(MediaError);
    ports.forEach((port) => pool.release(port));
    pool.release(30002);
    expect(pool.inUse).toBe(0);
    expect(pool.capacity).toBe(3);
  });

  it('reuses the least recently released port last', () => {
    const pool = new PortPool(40000, 40005);
    const first = pool.acquire();
    pool.release(first);
    expect(pool.acquire()).not.toBe(first);
  });

  it('rejects a range without a port pair', () => {
    expect(() => new PortPool(40001, 40001)).toThrow(/no pair|bad/);
    expect(() => new PortPool(80, 90)).toThrow(MediaError);
  });
});

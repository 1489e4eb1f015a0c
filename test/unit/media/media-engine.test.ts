import { describe, expect, it } from 'vitest';
import { MediaEngine } from '../../../engine/media/media-engine.js';
import { MediaError } from '../../../engine/media/media-error.js';
import { ManualClock } from './manual-clock.js';

describe('MediaEngine', () => {
  it('opens endpoints with their SDP, and every count returns to zero when they close', async () => {
    const engine = new MediaEngine({ minPort: 42200, maxPort: 42299, bindAddress: '127.0.0.1', advertisedAddress: '192.0.2.10', clock: new ManualClock() });
    const first = await engine.openEndpoint();
    const second = await engine.openEndpoint();
    expect(first.sdp.createOffer()).toContain(`m=audio ${first.endpoint.localPort} RTP/AVP 0 8 101`);
    const answer = second.sdp.answerOffer(first.sdp.createOffer());
    if (!answer.ok) throw new Error(answer.reason);
    second.endpoint.configure(answer.audio);
    expect(engine.counts).toEqual({ endpoints: 2, portsInUse: 2, pacedStreams: 1, streamErrors: 0 });
    second.endpoint.close();
    expect(engine.counts).toEqual({ endpoints: 1, portsInUse: 1, pacedStreams: 0, streamErrors: 0 });
    engine.close();
    engine.close();
    expect(first.endpoint.isClosed).toBe(true);
    expect(engine.counts).toMatchObject({ endpoints: 0, portsInUse: 0, pacedStreams: 0 });
    await expect(engine.openEndpoint()).rejects.toBeInstanceOf(MediaError);
  });
});

describe('MediaEngine send-path errors', () => {
  it('reports a source that throws, and keeps pacing the other calls', async () => {
    const clock = new ManualClock();
    const errors: unknown[] = [];
    const engine = new MediaEngine({ minPort: 42300, maxPort: 42399, bindAddress: '127.0.0.1', advertisedAddress: '127.0.0.1', clock, onStreamError: (e) => errors.push(e) });
    const [a, b] = [await engine.openEndpoint(), await engine.openEndpoint()];
    const answer = b.sdp.answerOffer(a.sdp.createOffer());
    if (!answer.ok) throw new Error(answer.reason);
    b.endpoint.configure(answer.audio);
    b.endpoint.setInputSource({ readFrame: () => new Int16Array(80) });
    clock.advance(100);
    expect(errors.length).toBeGreaterThan(0);
    expect((errors[0] as MediaError).code).toBe('invalid-argument');
    expect(engine.counts.streamErrors).toBe(errors.length);
    engine.close();
  });
});

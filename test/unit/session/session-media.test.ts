import { describe, expect, it } from 'vitest';
import { SessionHarness } from './session-harness.js';

async function twoConnectedCalls(h: SessionHarness): Promise<[string, string]> {
  const a = h.incoming();
  h.command({ op: 'call.method', callId: a, method: 'answer', args: [] });
  h.command({ op: 'call.create', callId: 'b', kind: 'sip', to: 'sip:bob@example.com', params: {} });
  h.legs.get('b')!.remoteAnswer();
  await h.settle();
  return [a, 'b'];
}

describe('Session media routing and units', () => {
  it('sendMediaBetween routes both ways; stopMediaTo removes one direction', async () => {
    const h = new SessionHarness();
    const [a, b] = await twoConnectedCalls(h);
    h.command({ op: 'media.send', from: { kind: 'call', id: a }, to: { kind: 'call', id: b } });
    h.command({ op: 'media.send', from: { kind: 'call', id: b }, to: { kind: 'call', id: a } });
    expect(h.legs.get(a)!.mediaSource).toBe('call:b');
    expect(h.legs.get(b)!.mediaSource).toBe(`call:${a}`);
    expect(h.session.routes).toHaveLength(2);
    h.command({ op: 'media.stop', from: { kind: 'call', id: b }, to: { kind: 'call', id: a } });
    expect(h.legs.get(a)!.mediaSource).toBeNull();
    expect(h.session.routes).toEqual([{ from: { kind: 'call', id: a }, to: { kind: 'call', id: b } }]);
  });

  it('a call receives one stream: a new source replaces the previous one and its playback', async () => {
    const h = new SessionHarness();
    const [a, b] = await twoConnectedCalls(h);
    h.command({ op: 'call.method', callId: a, method: 'say', args: ['hold on', {}] });
    h.command({ op: 'unit.create', unitId: 'music', kind: 'url', params: { url: 'http://example.com/m.mp3', loop: true } });
    h.command({ op: 'media.send', from: { kind: 'player', id: 'music' }, to: { kind: 'call', id: a } });
    expect(h.legs.get(a)!.playing).toBeNull();
    expect(h.legs.get(a)!.mediaSource).toBe('player:music');
    h.command({ op: 'media.send', from: { kind: 'call', id: b }, to: { kind: 'call', id: a } });
    expect(h.session.routes).toEqual([{ from: { kind: 'call', id: b }, to: { kind: 'call', id: a } }]);
    await h.advance(5_000);
    expect(h.delivered.some((e) => e.type === 'call' && e.callId === a && e.event === 'Call.PlaybackFinished')).toBe(false);
  });

  it('a player reports Created, PlaybackReady, Started and PlaybackFinished', async () => {
    const h = new SessionHarness();
    h.command({ op: 'unit.create', unitId: 'p1', kind: 'tts', params: { text: 'Welcome', language: 'en-US' } });
    await h.advance(1_000);
    expect(h.delivered.map((e) => (e.type === 'unit' ? [e.event, e.payload] : e.type))).toEqual([
      ['Player.Created', {}],
      ['Player.PlaybackReady', {}],
      ['Player.Started', { duration: 0.5 }],
      ['Player.PlaybackFinished', {}],
    ]);
    expect(h.media.players.get('player:p1')!.request.source).toEqual({ kind: 'tts', text: 'Welcome', options: { language: 'en-US' } });
  });

  it('pause and resume hold a player\'s remaining time; stop reports Stopped', async () => {
    const h = new SessionHarness();
    h.command({ op: 'unit.create', unitId: 'p1', kind: 'url', params: { url: 'http://example.com/a.mp3' } });
    await h.advance(1_000);
    h.command({ op: 'unit.method', unitId: 'p1', method: 'pause', args: [] });
    await h.advance(10_000);
    h.command({ op: 'unit.method', unitId: 'p1', method: 'resume', args: [] });
    await h.advance(1_999);
    expect(h.names()).not.toContain('Player.PlaybackFinished');
    await h.advance(1);
    expect(h.names()).toContain('Player.PlaybackFinished');
    h.command({ op: 'unit.create', unitId: 'p2', kind: 'toneScript', params: { script: '425@-15;1(*/0/1)', loop: true } });
    h.command({ op: 'unit.method', unitId: 'p2', method: 'stop', args: [] });
    await h.settle();
    expect(h.names().at(-1)).toBe('Player.Stopped');
  });

  it('a recorder records what is sent to it and reports Started and Stopped', async () => {
    const h = new SessionHarness();
    const [a] = await twoConnectedCalls(h);
    h.command({ op: 'unit.create', unitId: 'r1', kind: 'recorder', params: { name: 'vm' } });
    h.command({ op: 'media.send', from: { kind: 'call', id: a }, to: { kind: 'recorder', id: 'r1' } });
    expect([...h.media.recorders.get('recorder:r1')!.sources]).toEqual([`call:${a}`]);
    await h.advance(4_000);
    h.command({ op: 'unit.method', unitId: 'r1', method: 'stop', args: [] });
    await h.settle();
    const units = h.delivered.flatMap((e) => (e.type === 'unit' ? [[e.event, e.payload]] : []));
    expect(units).toEqual([
      ['Recorder.Started', { url: 'simulated://recordings/recorder-r1.mp3' }],
      ['Recorder.Stopped', { url: 'simulated://recordings/recorder-r1.mp3', duration: 4, cost: '0' }],
    ]);
  });

  it('refuses routes with units of another session or in the wrong direction', async () => {
    const h = new SessionHarness();
    const [a] = await twoConnectedCalls(h);
    h.command({ op: 'unit.create', unitId: 'p1', kind: 'tts', params: { text: 'x' } });
    h.command({ op: 'unit.create', unitId: 'r1', kind: 'recorder', params: {} });
    expect(() => h.command({ op: 'media.send', from: { kind: 'call', id: 'zz' }, to: { kind: 'call', id: a } })).toThrow(/not a call of this session/);
    expect(() => h.command({ op: 'media.send', from: { kind: 'call', id: a }, to: { kind: 'player', id: 'p1' } })).toThrow(/cannot receive media/);
    expect(() => h.command({ op: 'media.send', from: { kind: 'recorder', id: 'r1' }, to: { kind: 'call', id: a } })).toThrow(/cannot send media/);
    expect(() => h.command({ op: 'unit.method', unitId: 'nope', method: 'stop', args: [] })).toThrow(/not a player or recorder of this session/);
    expect(() => h.command({ op: 'unit.create', unitId: 'p1', kind: 'tts', params: { text: 'x' } })).toThrow(/not a new unit id/);
    expect(() => h.command({ op: 'unit.create', unitId: 'p9', kind: 'tts', params: { text: 'x'.repeat(1501) } })).toThrow(/at most 1500/);
  });

  it('a call that ends leaves every route it was part of', async () => {
    const h = new SessionHarness();
    const [a, b] = await twoConnectedCalls(h);
    h.command({ op: 'media.send', from: { kind: 'call', id: a }, to: { kind: 'call', id: b } });
    h.legs.get(b)!.remoteHangup();
    await h.settle();
    expect(h.session.routes).toEqual([]);
  });
});

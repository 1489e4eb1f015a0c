import { describe, expect, it } from 'vitest';
import { PCMA, PCMU } from '../../../../engine/media/codec/audio-codec.js';
import type { AudioSource, MediaInput } from '../../../../engine/media/media-types.js';
import { MediaFanout } from '../../../../engine/media/routing/media-fanout.js';
import { ReceivedAudioTap } from '../../../../engine/media/routing/received-audio-tap.js';
import { ReceivedFrame } from '../../../../engine/media/routing/received-frame.js';

class Input implements MediaInput {
  inputSource: AudioSource | null = null;
  setInputSource(source: AudioSource | null): void {
    this.inputSource = source;
  }
}

const frame = (byte: number) => ReceivedFrame.fromPayload(PCMU, new Uint8Array(160).fill(byte));

describe('ReceivedAudioTap', () => {
  it('waits for two frames before the first read, then hands out payloads in order', () => {
    const tap = new ReceivedAudioTap();
    tap.push(frame(1));
    expect(tap.readEncoded('PCMU')).toBeNull();
    tap.push(frame(2));
    expect(tap.readEncoded('PCMU')![0]).toBe(1);
    expect(tap.readEncoded('PCMU')![0]).toBe(2);
    expect(tap.readEncoded('PCMU')).toBeNull();
    tap.push(frame(3));
    expect(tap.readFrame()).toBeNull();
  });

  it('asks for decoding when the codec differs, and drops the oldest frames when the reader falls behind', () => {
    const tap = new ReceivedAudioTap();
    for (let i = 0; i < 8; i++) tap.push(frame(i));
    expect(tap.overflows).toBe(3);
    expect(tap.readEncoded(PCMA.name)).toBeUndefined();
    expect(tap.readFrame()).toEqual(PCMU.decode(new Uint8Array(160).fill(3)));
  });
});

describe('MediaFanout', () => {
  it('feeds every target, forgets one that was given a newer source, and stops the rest on close', () => {
    const fanout = new MediaFanout();
    const [a, b] = [new Input(), new Input()];
    fanout.sendTo(a);
    fanout.sendTo(b);
    expect(fanout.targetCount).toBe(2);
    b.setInputSource({ readFrame: () => null });
    fanout.push(frame(9));
    expect(fanout.targetCount).toBe(1);
    fanout.close();
    expect(a.inputSource).toBeNull();
    expect(b.inputSource).not.toBeNull();
  });
});

import { readFileSync } from 'node:fs';

/** The samples of each channel of a 16-bit PCM WAV file (what the recorder writes with `format: 'wav'`). */
export function readWavChannels(path: string): { sampleRate: number; channels: Int16Array[] } {
  const data = readFileSync(path);
  if (data.toString('ascii', 0, 4) !== 'RIFF' || data.toString('ascii', 8, 12) !== 'WAVE') throw new Error(`${path} is not a WAV file`);
  let offset = 12;
  let channelCount = 0;
  let sampleRate = 0;
  while (offset + 8 <= data.length) {
    const id = data.toString('ascii', offset, offset + 4);
    const size = data.readUInt32LE(offset + 4);
    const body = offset + 8;
    if (id === 'fmt ') {
      channelCount = data.readUInt16LE(body + 2);
      sampleRate = data.readUInt32LE(body + 4);
    } else if (id === 'data') {
      const end = Math.min(data.length, body + size);
      const frames = Math.floor((end - body) / (2 * channelCount));
      const channels = Array.from({ length: channelCount }, () => new Int16Array(frames));
      for (let i = 0; i < frames; i++) {
        for (let c = 0; c < channelCount; c++) channels[c]![i] = data.readInt16LE(body + (i * channelCount + c) * 2);
      }
      return { sampleRate, channels };
    }
    offset = body + size + (size % 2);
  }
  throw new Error(`${path} has no data chunk`);
}

/** Share of 20 ms frames louder than -40 dBFS: speech is neither silence (0) nor a steady tone (1). */
export function voicedShare(samples: Int16Array): number {
  const frame = 160;
  let loud = 0;
  let frames = 0;
  for (let start = 0; start + frame <= samples.length; start += frame) {
    let sum = 0;
    for (let i = start; i < start + frame; i++) sum += samples[i]! * samples[i]!;
    const rms = Math.sqrt(sum / frame);
    if (rms > 32768 * 0.01) loud++;
    frames++;
  }
  return frames === 0 ? 0 : loud / frames;
}

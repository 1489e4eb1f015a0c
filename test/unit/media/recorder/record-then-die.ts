/**
 * Child process for the crash test: records a 440 Hz tone in real time to the file named in argv, flushing every
 * 200 ms, then kills itself with SIGKILL after `seconds` (of time and of audio), leaving no chance to finalize the file. The number of
 * seconds of audio written and of time elapsed are kept in `<file>.progress`, for the test to compare with.
 */
import { writeFileSync } from 'node:fs';
import { systemClock } from '../../../../engine/clock.js';
import { Recorder } from '../../../../engine/media/recorder/recorder.js';

const [path, format, seconds] = process.argv.slice(2) as [string, 'mp3' | 'wav', string];
const recorder = new Recorder({ path, format, clock: systemClock, flushIntervalMs: 200 });
let n = 0;
const frame = new Int16Array(160);
const started = Date.now();
const interval = setInterval(() => {
  for (let i = 0; i < 160; i++, n++) frame[i] = Math.round(10000 * Math.sin((2 * Math.PI * 440 * n) / 8000));
  recorder.writeFrame(frame, 'received');
  writeFileSync(`${path}.progress`, JSON.stringify({ fedSeconds: n / 8000, elapsedSeconds: (Date.now() - started) / 1000 }));
  // On a loaded machine the 20 ms timer runs late: also wait until `seconds` of audio went in.
  if (Date.now() - started >= Number(seconds) * 1000 && n >= Number(seconds) * 8000) {
    clearInterval(interval);
    process.kill(process.pid, 'SIGKILL');
  }
}, 20);

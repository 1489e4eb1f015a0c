/**
 * The prelude's entry point: defines, on the isolate's global object, everything a VoxEngine scenario expects to
 * find, and `__callscript_deliver` for the host. Bundled by `build-prelude.ts` into one script that the sandbox runs
 * in each new isolate before the scenario.
 */
import { base64_decode, base64_encode, bytes2hex, bytes2str, hex2bytes, str2bytes } from './byte-encoding.js';
import { Call } from './call.js';
import { CallState, DTMFType, ProgressToneCountry, RecordExpireTime } from './constants/enums.js';
import { AppEvents, CallEvents, PlayerEvents, RecorderEvents } from './constants/events.js';
import { languageConstants } from './constants/language.js';
import { Voice } from './constants/voice.js';
import { voiceListConstants } from './constants/voice-list.js';
import { deliver } from './event-dispatch.js';
import { Logger } from './logger.js';
import { Net } from './net.js';
import { Player } from './player.js';
import { Recorder } from './recorder.js';
import { moduleConstants, requireModule } from './require-modules.js';
import { clearInterval, clearTimeout, setInterval, setTimeout } from './timers.js';
import { uuidgen } from './uuidgen.js';
import { VoxEngine } from './voxengine.js';

const globals: Record<string, unknown> = {
  VoxEngine,
  AppEvents,
  CallEvents,
  PlayerEvents,
  RecorderEvents,
  Call,
  Player,
  Recorder,
  Voice,
  DTMFType,
  RecordExpireTime,
  ProgressToneCountry,
  CallState,
  require: requireModule,
  Logger,
  Net,
  setTimeout,
  setInterval,
  clearTimeout,
  clearInterval,
  uuidgen,
  base64_encode,
  base64_decode,
  str2bytes,
  bytes2str,
  bytes2hex,
  hex2bytes,
  __callscript_deliver: deliver,
};

for (const [name, value] of Object.entries(globals)) {
  Object.defineProperty(globalThis, name, { value, writable: false, enumerable: false, configurable: false });
}
// Read-only and fixed like the others, but accessors: these constants are made on first use, since most scenarios never
// name them and building them was a sixth of a context's setup (constants/language.ts).
for (const [name, get] of Object.entries({ Language: languageConstants, VoiceList: voiceListConstants, Modules: moduleConstants })) {
  Object.defineProperty(globalThis, name, { get, enumerable: false, configurable: false });
}

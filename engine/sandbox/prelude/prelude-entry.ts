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
import { Modules, requireModule } from './require-modules.js';
import { clearInterval, clearTimeout, setInterval, setTimeout } from './timers.js';
import { uuidgen } from './uuidgen.js';
import { VoxEngine } from './voxengine.js';

function defineGlobal(name: string, value: unknown): void {
  Object.defineProperty(globalThis, name, { value, writable: false, enumerable: false, configurable: false });
}

/** Read-only and fixed like the others, but made on first use: most scenarios never name these. */
function defineLazyGlobal(name: string, get: () => unknown): void {
  Object.defineProperty(globalThis, name, { get, enumerable: false, configurable: false });
}

// One call per global rather than a table: an object literal is dear in a fresh context (see frozen-namespace.ts).
defineGlobal('VoxEngine', VoxEngine);
defineGlobal('AppEvents', AppEvents);
defineGlobal('CallEvents', CallEvents);
defineGlobal('PlayerEvents', PlayerEvents);
defineGlobal('RecorderEvents', RecorderEvents);
defineGlobal('Call', Call);
defineGlobal('Player', Player);
defineGlobal('Recorder', Recorder);
defineGlobal('Voice', Voice);
defineGlobal('DTMFType', DTMFType);
defineGlobal('RecordExpireTime', RecordExpireTime);
defineGlobal('ProgressToneCountry', ProgressToneCountry);
defineGlobal('CallState', CallState);
defineGlobal('Modules', Modules);
defineGlobal('require', requireModule);
defineGlobal('Logger', Logger);
defineGlobal('Net', Net);
defineGlobal('setTimeout', setTimeout);
defineGlobal('setInterval', setInterval);
defineGlobal('clearTimeout', clearTimeout);
defineGlobal('clearInterval', clearInterval);
defineGlobal('uuidgen', uuidgen);
defineGlobal('base64_encode', base64_encode);
defineGlobal('base64_decode', base64_decode);
defineGlobal('str2bytes', str2bytes);
defineGlobal('bytes2str', bytes2str);
defineGlobal('bytes2hex', bytes2hex);
defineGlobal('hex2bytes', hex2bytes);
defineGlobal('__callscript_deliver', deliver);
// Building these was a sixth of a context's setup (constants/language.ts).
defineLazyGlobal('Language', languageConstants);
defineLazyGlobal('VoiceList', voiceListConstants);

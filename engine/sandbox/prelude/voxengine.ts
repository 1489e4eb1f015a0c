/** The `VoxEngine` namespace object, assembled from the modules that implement each part. */
import { appListeners } from './app-listeners.js';
import { easyProcess, forwardCallToPSTN, forwardCallToSIP, playSoundAndHangup } from './call-helpers.js';
import { createRecorder, createToneScriptPlayer, createTTSPlayer, createURLPlayer } from './media-factories.js';
import { sendMediaBetween, stopMediaBetween } from './media-unit-refs.js';
import { callPSTN, callSIP } from './outgoing-calls.js';
import { customData, terminate } from './session-control.js';
import { frozenNamespace } from './frozen-namespace.js';

export const VoxEngine = frozenNamespace({
  __proto__: null,
  addEventListener(event: string, callback: (event: Record<string, unknown>) => unknown): void {
    appListeners.add(event, callback);
  },
  removeEventListener(event: string, callback?: (event: Record<string, unknown>) => unknown): void {
    appListeners.remove(event, callback);
  },
  callSIP,
  callPSTN,
  terminate,
  customData,
  sendMediaBetween,
  stopMediaBetween,
  easyProcess,
  forwardCallToSIP,
  forwardCallToPSTN,
  playSoundAndHangup,
  createTTSPlayer,
  createURLPlayer,
  createToneScriptPlayer,
  createRecorder,
});

/**
 * The host's own script, run in every isolate before the prelude.
 *
 * It defines the global `__callscript_send(json)` that the prelude captures at load; the function forwards to the
 * host callback. The script's completion value is the binder, which never becomes a global: after the prelude has
 * run, the host calls it once with the send callback; it captures the prelude's `__callscript_deliver` and returns
 * the one entry trampoline the host calls, `enter('run', main)` or `enter('deliver', json)`.
 *
 * The trampoline catches what user code throws and returns it described as JSON, so that an exception out of a
 * handler or the top level is told apart from what isolated-vm throws after the call returns (an unhandled promise
 * rejection found at the microtask checkpoint, a timeout, the memory limit). The intrinsics it uses are captured
 * before any prelude or scenario code could replace them.
 *
 * It also removes three built-ins that break the sandbox's guarantees under isolated-vm 5: `Atomics.waitAsync` with a
 * timeout aborts the whole hosting process ("terminate called without an active exception"); `WebAssembly`
 * memories are allocated outside the isolate's memory limit (a 64 MB `WebAssembly.Memory` in a 16 MB isolate); and
 * `FinalizationRegistry` callbacks run from a V8 task after garbage collection, outside any entry, so no per-callback
 * time limit covers them and, in an isolate reused for a later session, they would run in that session's time.
 */
export const bootstrapFileName = 'callscript-bridge.js';

export const bootstrapSource = String.raw`(() => {
  'use strict';
  const stringify = JSON.stringify;
  const StringOf = String;
  const global = globalThis;
  let hostSend = null;

  delete global.Atomics.waitAsync;
  delete global.WebAssembly;
  delete global.FinalizationRegistry;

  const read = (value, key) => {
    try {
      const field = value[key];
      return typeof field === 'string' ? field : undefined;
    } catch {
      return undefined;
    }
  };
  const describe = (thrown) => {
    const isObject = thrown !== null && (typeof thrown === 'object' || typeof thrown === 'function');
    let message = isObject ? read(thrown, 'message') : undefined;
    if (message === undefined) {
      try { message = StringOf(thrown); } catch { message = 'a value that cannot be converted to a string'; }
    }
    return stringify({
      name: isObject ? read(thrown, 'name') : undefined,
      message,
      stack: isObject ? read(thrown, 'stack') : undefined,
    });
  };

  global.__callscript_send = function __callscript_send(json) {
    if (hostSend === null) throw new Error('__callscript_send: no session is bound to this sandbox yet');
    hostSend(json);
  };

  return (send) => {
    hostSend = send;
    const deliver = global.__callscript_deliver;
    return (kind, argument) => {
      try {
        if (kind === 'run') argument();
        else if (typeof deliver === 'function') deliver(argument);
        else return describe(new TypeError('the prelude defines no __callscript_deliver'));
        return undefined;
      } catch (thrown) {
        return describe(thrown);
      }
    };
  };
})();
`;

/** What a trampoline returns when user code threw. */
export interface ThrownDescription {
  name?: string;
  message: string;
  stack?: string;
}

/**
 * The host's own script, run in every isolate before the prelude (it is the first script of the isolate snapshot).
 *
 * It defines the global `__callscript_send(json)` that the prelude captures at load. The function forwards to the
 * host callback, which is bound later, once per session, through the one-shot `__callscript_bind`: the prelude runs
 * in the snapshot, long before a session exists, and the host callback cannot be part of a snapshot.
 *
 * `__callscript_bind` removes itself, captures the prelude's `__callscript_deliver`, and returns the two entry
 * trampolines the host calls. A trampoline catches what user code throws and returns it described as JSON, so that
 * an exception out of a handler or the top level is told apart from what isolated-vm throws after the call returns
 * (an unhandled promise rejection found at the microtask checkpoint, a timeout, the memory limit). The intrinsics it
 * uses are captured before any prelude or scenario code could replace them.
 */
export const bootstrapFileName = 'callscript-bridge.js';

export const bootstrapSource = String.raw`(() => {
  'use strict';
  const stringify = JSON.stringify;
  const StringOf = String;
  const global = globalThis;
  let hostSend = null;

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

  global.__callscript_bind = (send) => {
    delete global.__callscript_bind;
    hostSend = send;
    const deliver = global.__callscript_deliver;
    return {
      run(main) {
        try { main(); return undefined; } catch (thrown) { return describe(thrown); }
      },
      deliver(json) {
        if (typeof deliver !== 'function') return describe(new TypeError('the prelude defines no __callscript_deliver'));
        try { deliver(json); return undefined; } catch (thrown) { return describe(thrown); }
      },
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

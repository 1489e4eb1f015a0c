import ivm from 'isolated-vm';
import { describe, expect, it } from 'vitest';
import { IsolateFactory } from '../../../engine/sandbox/isolate-factory.js';
import { SandboxSetupError } from '../../../engine/sandbox/sandbox-errors.js';

const prelude = `
  const send = globalThis.__callscript_send;
  delete globalThis.__callscript_send;
  const keys = new Map([['#', 'pound'], ['*', 'star'], ['5', 'five']]);
  globalThis.__callscript_deliver = (json) => send(JSON.stringify({ op: 'log', text: keys.get(JSON.parse(json).digit) }));
`;

describe('IsolateFactory', () => {
  it('makes isolates with the prelude run, its values intact, and the host bound only through the bridge', () => {
    const factory = new IsolateFactory(prelude);
    const isolate = factory.create(16);
    try {
      const sent: unknown[] = [];
      isolate.onSend = (json) => sent.push(json);
      for (const digit of ['#', '*', '5']) expect(isolate.deliver(JSON.stringify({ digit }), 1000)).toEqual({ status: 'ok' });
      expect(sent.map((json) => (JSON.parse(json as string) as { text: string }).text)).toEqual(['pound', 'star', 'five']);
      expect(isolate.context.evalSync('typeof __callscript_send + typeof __callscript_bind')).toBe('undefinedundefined');
    } finally {
      isolate.dispose();
      isolate.dispose();
      factory.close();
    }
    expect(isolate.disposed).toBe(true);
    expect(() => factory.create(16)).toThrow(SandboxSetupError);
  });

  it('refuses a prelude that throws while loading, or that defines no __callscript_deliver', () => {
    expect(() => new IsolateFactory('throw new Error("no config")')).toThrow(/prelude does not load: no config/);
    expect(() => new IsolateFactory('globalThis.x = 1')).toThrow(/__callscript_deliver/);
  });

  // Why the factory does not use V8 startup snapshots: on this Node/isolated-vm pair they restore single-character
  // strings wrongly. If this probe starts failing, the defect is fixed upstream and snapshots can be reconsidered.
  it('probe: an isolated-vm snapshot still corrupts single-character strings', () => {
    const snapshot = ivm.Isolate.createSnapshot([{ code: "globalThis.stored = ['#', '5', 'x', 'ab'];", filename: 'probe.js' }]);
    const isolate = new ivm.Isolate({ snapshot, memoryLimit: 16 });
    try {
      const restored = JSON.parse(isolate.createContextSync().evalSync('JSON.stringify(stored)') as string) as string[];
      expect(restored.at(-1)).toBe('ab');
      expect(restored.slice(0, 3)).not.toEqual(['#', '5', 'x']);
    } finally {
      isolate.dispose();
      snapshot.release();
    }
  });
});

import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { PreludeHarness } from './prelude-harness.js';

const okResult = { code: 200, headers: [{ key: 'Content-Type', value: 'application/json' }], raw_headers: 'Content-Type: application/json\r\n', text: '{"ok":true}' };

describe('Net and Logger', () => {
  let h: PreludeHarness;
  beforeEach(() => {
    h = new PreludeHarness();
  });
  afterEach(() => h.dispose());

  it('httpRequestAsync sends http.request and resolves with the result', () => {
    h.run(`Net.httpRequestAsync('https://api.example.org/x', { method: 'POST', postData: '{}', headers: { 'Content-Type': 'application/json' }, timeout: 5 })
             .then((r) => { globalThis.result = r; });`);
    expect(h.take()).toEqual([{
      op: 'http.request', requestId: 1, url: 'https://api.example.org/x',
      options: { method: 'POST', postData: '{}', headers: { 'Content-Type': 'application/json' }, timeout: 5 },
    }]);
    h.deliver({ type: 'http.result', requestId: 1, result: okResult });
    expect(h.value('result')).toEqual(okResult);
  });

  it('httpRequest calls back with the result', () => {
    h.run(`Net.httpRequest('http://127.0.0.1/y', (r) => { globalThis.result = [r.code, r.error]; });`);
    expect(h.take()).toEqual([{ op: 'http.request', requestId: 1, url: 'http://127.0.0.1/y', options: {} }]);
    h.deliver({ type: 'http.result', requestId: 1, result: { code: -7, error: 'Timeout' } });
    expect(h.value('result')).toEqual([-7, 'Timeout']);
  });

  it('delivers results to the right request and ignores unknown ids', () => {
    h.run(`globalThis.got = []; Net.httpRequest('http://h/1', (r) => got.push(1)); Net.httpRequest('http://h/2', (r) => got.push(2));`);
    h.deliver({ type: 'http.result', requestId: 2, result: okResult });
    h.deliver({ type: 'http.result', requestId: 9, result: okResult });
    h.deliver({ type: 'http.result', requestId: 2, result: okResult });
    expect(h.value('got')).toEqual([2]);
  });

  it('rejects bad arguments: a promise rejection for httpRequestAsync, a throw for httpRequest', () => {
    h.run(`Net.httpRequestAsync(42).catch((e) => { globalThis.err = e.message; });`);
    h.run('');
    expect(h.value('err')).toBe('Net.httpRequestAsync: url must be a string');
    expect(() => h.run(`Net.httpRequest('http://h', 'cb')`)).toThrow('Net.httpRequest: callback must be a function');
    expect(() => h.run(`Net.httpRequest('http://h', () => {}, { postData: () => 1 })`)).toThrow('Net.httpRequest: options.postData must be plain data');
  });

  it('Logger.write sends the text, objects as JSON, capped at 15000 characters', () => {
    h.run(`Logger.write('hello'); Logger.write({ a: 1 }); Logger.write('x'.repeat(20000)); Logger.hideTones(true);`);
    const logs = h.take();
    expect(logs.slice(0, 2)).toEqual([{ op: 'log', text: 'hello' }, { op: 'log', text: '{"a":1}' }]);
    expect(logs[2]).toEqual({ op: 'log', text: 'x'.repeat(15000) });
  });

  it('propagates an exception thrown by an httpRequest callback', () => {
    h.run(`Net.httpRequest('http://h/1', () => { throw new Error('callback failed'); });`);
    expect(() => h.deliver({ type: 'http.result', requestId: 1, result: okResult })).toThrow('callback failed');
  });
});

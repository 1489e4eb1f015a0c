import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FetchHttpRequester } from '../../../engine/session/fetch-http-requester.js';
import type { ScenarioEvent } from '../../../engine/session/scenario-protocol.js';
import { SessionHarness } from './session-harness.js';

function results(delivered: ScenarioEvent[]): Array<Record<string, unknown>> {
  return delivered.flatMap((e) => (e.type === 'http.result' ? [{ requestId: e.requestId, ...e.result }] : []));
}

describe('Net.httpRequestAsync through the session', () => {
  it('refuses hosts off the allow-list with code 0', async () => {
    const h = new SessionHarness({ allowHosts: ['example.com'] });
    h.command({ op: 'http.request', requestId: 1, url: 'http://evil.test/x', options: {} });
    await h.settle();
    expect(results(h.delivered)).toEqual([{ requestId: 1, code: 0, error: 'host evil.test is not in the allow-list', headers: [] }]);
    expect(h.http.requests).toEqual([]);
  });

  it('sends method, headers, query params and body, and returns VoxEngine\'s result shape', async () => {
    const h = new SessionHarness();
    h.http.on('http://example.com/api*', (request) => ({ status: 201, body: `${request.method} ${request.body}`, headers: { 'content-type': 'text/plain' } }));
    h.command({
      op: 'http.request',
      requestId: 1,
      url: 'http://example.com/api',
      options: { method: 'post', headers: ['Content-Type: application/json', 'X-Key: 1'], params: { q: 'a b' }, postData: '{"a":1}', timeout: 5 },
    });
    await h.settle();
    expect(h.http.requests[0]).toMatchObject({
      url: 'http://example.com/api?q=a+b',
      method: 'POST',
      headers: [['Content-Type', 'application/json'], ['X-Key', '1']],
      body: '{"a":1}',
      timeoutMs: 5000,
    });
    expect(results(h.delivered)).toEqual([
      { requestId: 1, code: 201, text: 'POST {"a":1}', headers: [{ key: 'content-type', value: 'text/plain' }], raw_headers: 'content-type: text/plain\r\n' },
    ]);
  });

  it('allows 35 requests in a session; the 36th gets code 0', async () => {
    const h = new SessionHarness();
    h.http.on('http://example.com/x', { status: 200 });
    for (let id = 1; id <= 35; id++) {
      h.command({ op: 'http.request', requestId: id, url: 'http://example.com/x', options: {} });
      await h.settle();
    }
    h.command({ op: 'http.request', requestId: 36, url: 'http://example.com/x', options: {} });
    await h.settle();
    expect(results(h.delivered).filter((r) => r['code'] === 200)).toHaveLength(35);
    expect(results(h.delivered).at(-1)).toMatchObject({ requestId: 36, code: 0, error: 'a session may make at most 35 HTTP requests' });
  });

  it('refuses a fourth concurrent request', async () => {
    const never = { request: () => new Promise<never>(() => undefined) };
    const h = new SessionHarness({ requester: never });
    for (let id = 1; id <= 4; id++) h.command({ op: 'http.request', requestId: id, url: 'http://example.com/x', options: {} });
    await h.settle();
    expect(results(h.delivered)).toEqual([{ requestId: 4, code: 0, error: 'at most 3 HTTP requests may run at once', headers: [] }]);
  });

  it('reports bad arguments naming them', () => {
    const h = new SessionHarness();
    expect(() => h.command({ op: 'http.request', requestId: 1, url: 'not a url', options: {} })).toThrow(/Net\.httpRequestAsync: argument 'url' is not a valid URL/);
    expect(() => h.command({ op: 'http.request', requestId: 1, url: 'ftp://example.com/', options: {} })).toThrow(/must be an http or https URL/);
    expect(() => h.command({ op: 'http.request', requestId: 1, url: 'http://example.com/', options: { headers: ['NoColon'] } })).toThrow(
      /argument 'options\.headers\[0\]' must read "Name: value"/,
    );
    expect(() => h.command({ op: 'http.request', requestId: 1, url: 'http://example.com/', options: { timeout: -1 } })).toThrow(/options\.timeout/);
  });
});

describe('FetchHttpRequester on loopback', () => {
  let server: Server;
  let base: string;

  beforeAll(async () => {
    server = createServer((req, res) => {
      if (req.url === '/big') {
        res.end('x'.repeat(5000));
        return;
      }
      let body = '';
      req.on('data', (chunk) => (body += chunk));
      req.on('end', () => {
        res.setHeader('X-Echo', req.method ?? '');
        res.end(`${req.url} ${body}`);
      });
    });
    await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  afterAll(async () => {
    await new Promise<void>((done) => server.close(() => done()));
  });

  it('returns status, headers and body through the session', async () => {
    const h = new SessionHarness({ allowHosts: ['127.0.0.1'], requester: new FetchHttpRequester() });
    h.command({ op: 'http.request', requestId: 7, url: `${base}/hello`, options: { method: 'PUT', postData: 'data', rawOutput: true } });
    for (let i = 0; i < 50 && results(h.delivered).length === 0; i++) await new Promise((done) => setTimeout(done, 10));
    const [result] = results(h.delivered);
    expect(result).toMatchObject({ requestId: 7, code: 200, text: '/hello data' });
    expect(result!['headers']).toContainEqual({ key: 'x-echo', value: 'PUT' });
    expect(result!['data']).toEqual([...Buffer.from('/hello data')]);
  });

  it('maps a refused connection and an oversized body onto VoxEngine codes', async () => {
    const requester = new FetchHttpRequester();
    const closed = createServer();
    await new Promise<void>((done) => closed.listen(0, '127.0.0.1', done));
    const closedPort = (closed.address() as AddressInfo).port;
    await new Promise<void>((done) => closed.close(() => done()));
    await expect(requester.request({ url: `http://127.0.0.1:${closedPort}/`, method: 'GET', headers: [], timeoutMs: 2000, maxResponseBytes: 100 })).rejects.toMatchObject({
      voxCode: -4,
    });
    await expect(requester.request({ url: `${base}/big`, method: 'GET', headers: [], timeoutMs: 2000, maxResponseBytes: 100 })).rejects.toMatchObject({
      voxCode: -9,
    });
  });
});

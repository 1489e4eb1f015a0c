import { createServer, type AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { ApiConfigError, resolveApiConfig } from '../../../engine/api/api-config.js';
import pino from 'pino';
import { send, startTestApi } from './api-test-server.js';
import { FakeSessionPort } from './fake-session-port.js';

describe('createApiServer lifecycle and configuration', () => {
  it('defaults to 127.0.0.1:8080', () => {
    expect(resolveApiConfig({ token: 't' })).toMatchObject({ host: '127.0.0.1', port: 8080, signedUrlTtlSeconds: 3600 });
  });

  it('refuses to run without a token, or with a bad port or URL lifetime', () => {
    expect(() => resolveApiConfig({ token: '' })).toThrow(ApiConfigError);
    expect(() => resolveApiConfig({ token: 't', port: 70000 })).toThrow('api.port');
    expect(() => resolveApiConfig({ token: 't', signedUrlTtlSeconds: 0 })).toThrow('signedUrlTtlSeconds');
  });

  it('hands out URLs under the configured public URL', async () => {
    const api = await startTestApi({ config: { publicUrl: 'https://pbx.example.com/api/' } });
    try {
      expect(api.server.url()).toBe('https://pbx.example.com/api');
      const { port } = api.server.app.server.address() as AddressInfo;
      const doc = await send(`http://127.0.0.1:${port}`, 'GET', '/openapi.json');
      expect(doc.body.servers[0].url).toBe('https://pbx.example.com/api');
    } finally {
      await api.close();
    }
  });

  it('closes idempotently and releases its port', async () => {
    const api = await startTestApi();
    const port = Number(new URL(api.url).port);
    await Promise.all([api.server.close(), api.server.close()]);
    await api.server.close();
    await expect(fetch(`${api.url}/health`)).rejects.toThrow();
    const probe = createServer();
    await new Promise<void>((done, fail) => probe.once('error', fail).listen(port, '127.0.0.1', done));
    await new Promise<void>((done) => probe.close(() => done()));
    await api.close();
  });

  it('answers an unexpected failure with 500 internal, hiding the cause, and logs it', async () => {
    const lines: string[] = [];
    const logger = pino({ level: 'info' }, { write: (line: string) => lines.push(line) });
    const sessions = new FakeSessionPort();
    sessions.activeCount = () => {
      throw new Error('secret detail');
    };
    const api = await startTestApi({ sessions, logger });
    try {
      const response = await api.call('GET', '/health');
      expect(response.status).toBe(500);
      expect(response.body).toEqual({ error: { code: 'internal', message: 'internal error' } });
      expect(lines.some((line) => line.includes('secret detail') && line.includes('"level":50'))).toBe(true);
      expect(lines.some((line) => line.includes('"statusCode":500'))).toBe(true);
    } finally {
      await api.close();
    }
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { helloScenario, startTestApi, upload, type TestApi } from './api-test-server.js';

describe('management API: scenarios', () => {
  let api: TestApi;
  beforeAll(async () => {
    api = await startTestApi();
  });
  afterAll(() => api.close());

  it('uploads TypeScript source as version 1 and makes it current', async () => {
    const response = await api.call('POST', '/scenarios/ivr/versions', { body: helloScenario, contentType: 'application/typescript' });
    expect(response.status).toBe(201);
    expect(response.headers.get('location')).toBe('/scenarios/ivr/versions/1');
    expect(response.body).toMatchObject({ name: 'ivr', version: 1, fileName: 'ivr.ts', sizeBytes: helloScenario.length });
    expect(response.body.hash).toMatch(/^[0-9a-f]{64}$/);
    expect(response.body).not.toHaveProperty('code');
  });

  it('uploads JavaScript under a file name given in the query', async () => {
    const response = await api.call('POST', '/scenarios/plain-js/versions?fileName=main.js', {
      body: 'Logger.write("hi");',
      contentType: 'application/javascript',
    });
    expect(response.status).toBe(201);
    expect(response.body.fileName).toBe('main.js');
  });

  it('accepts a content type with a charset parameter', async () => {
    const response = await api.call('POST', '/scenarios/charset/versions', { body: helloScenario, contentType: 'text/plain; charset=utf-8' });
    expect(response.status).toBe(201);
  });

  it('counts versions up and serves each one with its source', async () => {
    await upload(api, 'counting', 'Logger.write("one");');
    const second = await upload(api, 'counting', 'Logger.write("two");');
    expect(second.version).toBe(2);
    const one = await api.call('GET', '/scenarios/counting/versions/1');
    expect(one.status).toBe(200);
    expect(one.body).toMatchObject({ version: 1, source: 'Logger.write("one");' });
    const scenario = await api.call('GET', '/scenarios/counting');
    expect(scenario.body).toMatchObject({ name: 'counting', currentVersion: 2, versionCount: 2 });
    expect(scenario.body.versions.map((v: { version: number }) => v.version)).toEqual([1, 2]);
  });

  it('gives concurrent uploads of one scenario distinct versions', async () => {
    const results = await Promise.all(
      [1, 2, 3].map((n) => api.call('POST', '/scenarios/parallel/versions', { body: `Logger.write("${n}");`, contentType: 'text/plain' })),
    );
    expect(results.map((r) => r.status)).toEqual([201, 201, 201]);
    expect(results.map((r) => r.body.version).sort()).toEqual([1, 2, 3]);
  });

  it('lists scenarios', async () => {
    const response = await api.call('GET', '/scenarios');
    expect(response.status).toBe(200);
    expect(response.body.items.map((s: { name: string }) => s.name)).toEqual(expect.arrayContaining(['ivr', 'counting']));
  });

  it('refuses a scenario that does not compile with 422 and the author file, line and column; the previous version keeps serving', async () => {
    await upload(api, 'broken', 'Logger.write("fine");');
    const source = 'const a = 1;\nconst b = ;\n';
    const response = await api.call('POST', '/scenarios/broken/versions', { body: source, contentType: 'text/plain' });
    expect(response.status).toBe(422);
    expect(response.body.error).toMatchObject({
      code: 'scenario_invalid',
      details: { file: 'broken.ts', line: 2, column: 11, errors: [{ phase: 'compile', file: 'broken.ts', line: 2 }] },
    });
    expect(response.body.error.message).toContain('broken.ts:2:11');
    const current = await api.call('GET', '/scenarios/broken');
    expect(current.body).toMatchObject({ currentVersion: 1, versionCount: 1 });
  });

  it('refuses a scenario that does not type-check against the SDK with 422 and the author position', async () => {
    const source = 'VoxEngine.addEventListener(AppEvents.CallAlerting, (e) => {\n  e.call.anwser();\n});\n';
    const response = await api.call('POST', '/scenarios/typo/versions', { body: source, contentType: 'text/plain' });
    expect(response.status).toBe(422);
    expect(response.body.error.details).toMatchObject({ file: 'typo.ts', line: 2, column: 10 });
    expect(response.body.error.details.errors[0]).toMatchObject({ phase: 'type-check', message: expect.stringContaining('anwser') });
    expect(response.body.error.message).toContain('does not type-check');
    expect(api.store.scenarios.exists('typo')).toBe(false);
  });

  it('refuses an import of a Node built-in', async () => {
    const response = await api.call('POST', '/scenarios/sneaky/versions', {
      body: "import { readFileSync } from 'node:fs';\nreadFileSync('/etc/passwd');\n",
      contentType: 'text/plain',
    });
    expect(response.status).toBe(422);
    expect(response.body.error.details.line).toBe(1);
    expect(api.store.scenarios.exists('sneaky')).toBe(false);
  });

  it('accepts exactly 128 KiB and refuses one byte more with 413', async () => {
    const comment = (size: number) => `// ${'x'.repeat(size - 4)}\n`;
    const fits = await api.call('POST', '/scenarios/big/versions', { body: comment(128 * 1024), contentType: 'text/plain' });
    expect(fits.status).toBe(201);
    const over = await api.call('POST', '/scenarios/big/versions', { body: comment(128 * 1024 + 1), contentType: 'text/plain' });
    expect(over.status).toBe(413);
    expect(over.body.error.code).toBe('body_too_large');
    expect(api.store.scenarios.get('big').versionCount).toBe(1);
  });

  it('refuses an empty body with 400', async () => {
    const response = await api.call('POST', '/scenarios/empty/versions', { body: '', contentType: 'text/plain' });
    expect(response.status).toBe(400);
    expect(response.body.error.code).toBe('empty_body');
  });

  it('refuses a JSON body with 415', async () => {
    const response = await api.call('POST', '/scenarios/json/versions', { json: { source: helloScenario } });
    expect(response.status).toBe(415);
  });

  it('refuses a bad name and a bad file name with 400', async () => {
    const badName = await api.call('POST', '/scenarios/-dash/versions', { body: helloScenario, contentType: 'text/plain' });
    expect(badName.status).toBe(400);
    expect(badName.body.error.code).toBe('invalid_name');
    const badFile = await api.call('POST', '/scenarios/ok/versions?fileName=../x.ts', { body: helloScenario, contentType: 'text/plain' });
    expect(badFile.status).toBe(400);
    expect(api.store.scenarios.exists('ok')).toBe(false);
  });

  it('refuses unknown query parameters with 400', async () => {
    const response = await api.call('POST', '/scenarios/q/versions?force=1', { body: helloScenario, contentType: 'text/plain' });
    expect(response.status).toBe(400);
    expect(response.body.error.message).toContain("unknown field 'force'");
  });

  it('answers unknown scenarios and versions with 404', async () => {
    expect((await api.call('GET', '/scenarios/nope')).status).toBe(404);
    expect((await api.call('GET', '/scenarios/ivr/versions/99')).status).toBe(404);
    expect((await api.call('DELETE', '/scenarios/nope')).body.error.code).toBe('not_found');
  });

  it('refuses a non-numeric version with 400', async () => {
    expect((await api.call('GET', '/scenarios/ivr/versions/latest')).status).toBe(400);
  });

  it('deletes a scenario, and refuses while a rule uses it with 409', async () => {
    await upload(api, 'routed');
    const rule = await api.call('POST', '/rules', { json: { name: 'r', pattern: '1.*', scenario: 'routed' } });
    const refused = await api.call('DELETE', '/scenarios/routed');
    expect(refused.status).toBe(409);
    expect(refused.body.error).toMatchObject({ code: 'in_use', details: { rules: [rule.body.id] } });
    expect(api.store.scenarios.exists('routed')).toBe(true);
    await api.call('DELETE', `/rules/${rule.body.id}`);
    const deleted = await api.call('DELETE', '/scenarios/routed');
    expect(deleted.status).toBe(204);
    expect((await api.call('GET', '/scenarios/routed')).status).toBe(404);
  });

  it('keeps counting versions after a delete and re-upload', async () => {
    await upload(api, 'again');
    await api.call('DELETE', '/scenarios/again');
    expect((await upload(api, 'again')).version).toBe(2);
  });
});

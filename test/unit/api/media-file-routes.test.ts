import { writeFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { send, startTestApi, type TestApi } from './api-test-server.js';

describe('management API: recordings and assets', () => {
  let api: TestApi;
  let clockMs = 1_900_000_000_000;
  const wav = Buffer.concat([Buffer.from('RIFF'), Buffer.alloc(4), Buffer.from('WAVE'), Buffer.alloc(2000, 7)]);

  beforeAll(async () => {
    api = await startTestApi({ config: { maxAssetBytes: 64 * 1024 }, now: () => clockMs });
  });
  afterAll(() => api.close());

  const uploadAsset = (name: string, body: Buffer = wav, contentType = 'audio/wav') =>
    api.call('POST', `/assets?name=${name}`, { body, contentType });

  it('uploads an audio asset into the data directory', async () => {
    const response = await uploadAsset('welcome.wav');
    expect(response.status).toBe(201);
    expect(response.body).toMatchObject({ kind: 'asset', name: 'welcome.wav', contentType: 'audio/wav', sizeBytes: wav.length });
    expect(api.store.mediaFiles.assetByName('welcome.wav')?.id).toBe(response.body.id);
  });

  it('refuses a duplicate name with 409, a non-audio type with 415, an empty body and a bad name with 400', async () => {
    await uploadAsset('dup.wav');
    expect((await uploadAsset('dup.wav')).status).toBe(409);
    expect((await uploadAsset('text.wav', Buffer.from('hi'), 'text/plain')).status).toBe(415);
    const empty = await uploadAsset('empty.wav', Buffer.alloc(0));
    expect(empty.status).toBe(400);
    expect((await uploadAsset('../etc.wav')).status).toBe(400);
    expect((await api.call('POST', '/assets', { body: wav, contentType: 'audio/wav' })).status).toBe(400);
    expect(api.store.mediaFiles.list('asset', { limit: 500, offset: 0 }).map((a) => a.name).sort()).toEqual(['dup.wav', 'welcome.wav']);
  });

  it('refuses an asset over the size limit with 413', async () => {
    const response = await uploadAsset('huge.wav', Buffer.alloc(64 * 1024 + 1));
    expect(response.status).toBe(413);
    expect(api.store.mediaFiles.assetByName('huge.wav')).toBeUndefined();
  });

  it('lists and gets assets, and deletes one', async () => {
    const created = await uploadAsset('bye.wav');
    const list = await api.call('GET', '/assets');
    expect(list.body.items.map((a: { name: string }) => a.name)).toContain('bye.wav');
    expect((await api.call('GET', `/assets/${created.body.id}`)).body.name).toBe('bye.wav');
    expect((await api.call('DELETE', `/assets/${created.body.id}`)).status).toBe(204);
    expect((await api.call('GET', `/assets/${created.body.id}`)).status).toBe(404);
    expect((await api.call('DELETE', `/assets/${created.body.id}`)).status).toBe(404);
  });

  it('downloads an asset by a signed URL without the token, until it expires', async () => {
    const asset = (await uploadAsset('signed.wav')).body;
    const signed = await api.call('POST', `/assets/${asset.id}/signed-url`, { json: { expiresInSeconds: 60 } });
    expect(signed.status).toBe(200);
    expect(signed.body.expiresAt).toBe(Math.floor(clockMs / 1000) + 60);
    const download = await fetch(signed.body.url);
    expect(download.status).toBe(200);
    expect(download.headers.get('content-type')).toBe('audio/wav');
    expect(Buffer.from(await download.arrayBuffer())).toEqual(wav);
    clockMs += 61_000;
    const expired = await send(signed.body.url, 'GET', '', { token: null });
    expect(expired.status).toBe(403);
    expect(expired.body.error.code).toBe('url_expired');
  });

  it('refuses a tampered signature, expiry or id with 403', async () => {
    const asset = (await uploadAsset('tamper.wav')).body;
    const { url } = (await api.call('POST', `/assets/${asset.id}/signed-url`, { json: {} })).body;
    const signedUrl = new URL(url);
    const later = new URL(url);
    later.searchParams.set('expires', String(Number(signedUrl.searchParams.get('expires')) + 3600));
    const badSignature = new URL(url);
    badSignature.searchParams.set('signature', 'AAAA');
    for (const forged of [later.href, badSignature.href, url.replace(asset.id, 'other-id')]) {
      const response = await send(forged, 'GET', '', { token: null });
      expect(response.status).toBe(403);
      expect(response.body.error.code).toBe('bad_signature');
    }
    expect((await send(url.split('?')[0]!, 'GET', '', { token: null })).status).toBe(400);
  });

  it('refuses a signed URL lifetime out of range and unknown fields with 400; an unknown id with 404', async () => {
    const asset = (await uploadAsset('ttl.wav')).body;
    expect((await api.call('POST', `/assets/${asset.id}/signed-url`, { json: { expiresInSeconds: 0 } })).status).toBe(400);
    expect((await api.call('POST', `/assets/${asset.id}/signed-url`, { json: { expiresInSeconds: 8 * 86400 } })).status).toBe(400);
    expect((await api.call('POST', `/assets/${asset.id}/signed-url`, { json: { ttl: 5 } })).status).toBe(400);
    expect((await api.call('POST', '/assets/ghost/signed-url', { json: {} })).status).toBe(404);
  });

  it('lists recordings registered by the engine, filtered by session and call, and serves them by signed URL', async () => {
    const id = 'rec-1';
    writeFileSync(api.store.mediaFiles.recordingPath(id), Buffer.from('ID3 mp3 bytes'));
    api.store.mediaFiles.addRecording({ id, name: 'call-1.mp3', contentType: 'audio/mpeg', sessionId: 's1', callId: 'call-1' });
    writeFileSync(api.store.mediaFiles.recordingPath('rec-2'), Buffer.from('other'));
    api.store.mediaFiles.addRecording({ id: 'rec-2', name: 'call-2.mp3', contentType: 'audio/mpeg', sessionId: 's2', callId: 'call-2' });
    expect((await api.call('GET', '/recordings')).body.items).toHaveLength(2);
    const bySession = await api.call('GET', '/recordings?session=s1');
    expect(bySession.body.items.map((r: { id: string }) => r.id)).toEqual([id]);
    expect((await api.call('GET', '/recordings?call=call-2')).body.items[0].id).toBe('rec-2');
    expect((await api.call('GET', `/recordings/${id}`)).body).toMatchObject({ kind: 'recording', sizeBytes: 13, callId: 'call-1' });
    const { url } = (await api.call('POST', `/recordings/${id}/signed-url`, { json: {} })).body;
    const download = await fetch(url);
    expect(await download.text()).toBe('ID3 mp3 bytes');
    expect(download.headers.get('content-disposition')).toBe('attachment; filename="call-1.mp3"');
    expect((await api.call('GET', '/recordings/ghost')).status).toBe(404);
    expect((await api.call('GET', '/recordings?name=x')).status).toBe(400);
  });

  it('answers a validly signed URL for a file deleted since with 404', async () => {
    const asset = (await uploadAsset('gone.wav')).body;
    const { url } = (await api.call('POST', `/assets/${asset.id}/signed-url`, { json: {} })).body;
    await api.call('DELETE', `/assets/${asset.id}`);
    const response = await send(url, 'GET', '', { token: null });
    expect(response.status).toBe(404);
    expect(response.body.error.code).toBe('not_found');
  });

  it('does not serve an asset id under the recordings collection', async () => {
    const asset = (await uploadAsset('cross.wav')).body;
    expect((await api.call('POST', `/recordings/${asset.id}/signed-url`, { json: {} })).status).toBe(404);
  });
});

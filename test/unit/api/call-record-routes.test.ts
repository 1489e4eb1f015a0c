import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CallRecord } from '../../../engine/call/call-record.js';
import { endedCall } from '../store/call-record-fixtures.js';
import { startTestApi, type TestApi } from './api-test-server.js';

describe('management API: call records', () => {
  let api: TestApi;
  const base = 1_800_000_000_000;
  const records: CallRecord[] = [];

  beforeAll(async () => {
    api = await startTestApi();
    for (let i = 0; i < 25; i++) {
      records.push(
        endedCall({
          id: `c${String(i).padStart(2, '0')}`,
          createdAt: base + i * 1000,
          sessionId: i % 2 === 0 ? 'even' : 'odd',
          remoteParty: i < 5 ? 'sip:+4930111@trunk' : '+15550100',
          direction: i % 3 === 0 ? 'outgoing' : 'incoming',
          hangupReason: i === 7 ? 'busy' : 'normal',
          sipCode: i === 7 ? 486 : 200,
        }),
      );
    }
    api.store.callRecords.writeMany(records);
  });
  afterAll(() => api.close());

  const ids = (body: { items: CallRecord[] }) => body.items.map((r) => r.id);

  it('lists newest first with every field of the record', async () => {
    const response = await api.call('GET', '/calls?limit=3');
    expect(response.status).toBe(200);
    expect(ids(response.body)).toEqual(['c24', 'c23', 'c22']);
    expect(response.body.items[0]).toEqual(records[24]);
  });

  it('pages with the cursor until nextCursor is null, seeing every record once', async () => {
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const query: string = cursor ? `?limit=10&cursor=${cursor}` : '?limit=10';
      const response = await api.call('GET', `/calls${query}`);
      seen.push(...ids(response.body));
      cursor = response.body.nextCursor;
      pages += 1;
    } while (cursor);
    expect(pages).toBe(3);
    expect(seen).toEqual(records.map((r) => r.id).reverse());
  });

  it('keeps pages stable when newer calls arrive between pages', async () => {
    const first = await api.call('GET', '/calls?limit=5&session=even');
    api.store.callRecords.write(endedCall({ id: 'late', sessionId: 'even', createdAt: base + 99_000 }));
    const second = await api.call('GET', `/calls?limit=5&session=even&cursor=${first.body.nextCursor}`);
    expect(ids(second.body)).toEqual(['c14', 'c12', 'c10', 'c08', 'c06']);
  });

  it('filters by time range (from inclusive, to exclusive)', async () => {
    const response = await api.call('GET', `/calls?from=${base + 3000}&to=${base + 6000}`);
    expect(ids(response.body)).toEqual(['c05', 'c04', 'c03']);
  });

  it('filters by number: the party itself, or the user part of its SIP URI', async () => {
    const byNumber = await api.call('GET', '/calls?number=%2B4930111');
    expect(ids(byNumber.body)).toEqual(['c04', 'c03', 'c02', 'c01', 'c00']);
    const byUri = await api.call('GET', `/calls?number=${encodeURIComponent('sip:+4930111@elsewhere')}`);
    expect(ids(byUri.body)).toEqual(ids(byNumber.body));
    expect((await api.call('GET', '/calls?number=%2B18005550199&limit=500')).body.items.length).toBeGreaterThanOrEqual(25);
    expect((await api.call('GET', '/calls?number=4930111')).body.items).toEqual([]);
  });

  it('filters by status, session and direction together', async () => {
    const response = await api.call('GET', '/calls?status=hangup&session=odd&direction=outgoing&to=' + (base + 25_000));
    expect(ids(response.body)).toEqual(['c21', 'c15', 'c09', 'c03']);
    expect((await api.call('GET', '/calls?status=ringing')).body.items).toEqual([]);
  });

  it('gets one record, and answers an unknown id with 404', async () => {
    const response = await api.call('GET', '/calls/c07');
    expect(response.body).toMatchObject({ hangupReason: 'busy', sipCode: 486 });
    expect((await api.call('GET', '/calls/ghost')).status).toBe(404);
  });

  it('refuses bad filters and a forged cursor with 400', async () => {
    for (const query of ['status=lost', 'direction=sideways', 'from=yesterday', 'limit=1000', 'page=2', 'from=5&to=4']) {
      const response = await api.call('GET', `/calls?${query}`);
      expect(response.status, query).toBe(400);
      expect(response.body.error.message.length, query).toBeGreaterThan(0);
    }
    const forged = await api.call('GET', '/calls?cursor=bm90LWEtY3Vyc29y');
    expect(forged.status).toBe(400);
    expect(forged.body.error.code).toBe('invalid_cursor');
  });
});

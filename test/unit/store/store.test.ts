import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { partyNumber } from '../../../engine/store/call-record-repository.js';
import { migrate, migrations } from '../../../engine/store/migrations.js';
import { StoreError } from '../../../engine/store/store-errors.js';
import { Store } from '../../../engine/store/store.js';
import { endedCall } from './call-record-fixtures.js';
import { tempStore } from './temp-store.js';

const compiled = { code: '(()=>{})();', hash: 'a'.repeat(64) };

describe('Store', () => {
  let temp: ReturnType<typeof tempStore>;
  afterEach(() => temp.dispose());

  it('opens in WAL mode with full sync and applies every migration once', () => {
    temp = tempStore();
    expect(temp.store.schemaVersions()).toEqual(migrations.map((m) => m.version));
    expect(temp.store.syncMode).toBe('full');
    temp.store.close();
    const db = new Database(join(temp.dataDir, 'callscript.db'));
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(migrate(db, 0)).toEqual([]);
    db.close();
    expect(temp.reopen().schemaVersions()).toEqual([1, 2]);
  });

  it('syncs commits at checkpoints only when asked for normal sync', () => {
    temp = tempStore();
    temp.store.close();
    const relaxed = Store.open({ dataDir: temp.dataDir, sync: 'normal' });
    expect(relaxed.syncMode).toBe('normal');
    relaxed.close();
  });

  it('applies a later migration on the next open, recorded by number', () => {
    temp = tempStore();
    temp.store.close();
    const db = new Database(join(temp.dataDir, 'callscript.db'));
    const next = { version: 3, name: 'test column', sql: 'ALTER TABLE rules ADD COLUMN note TEXT' };
    expect(migrate(db, 5, [...migrations, next])).toEqual([3]);
    expect(db.prepare('SELECT version, name, applied_at FROM schema_migrations WHERE version = 3').get()).toEqual({
      version: 3,
      name: 'test column',
      applied_at: 5,
    });
    db.close();
  });

  it('rolls a failing migration back whole', () => {
    temp = tempStore();
    temp.store.close();
    const db = new Database(join(temp.dataDir, 'callscript.db'));
    const broken = { version: 3, name: 'broken', sql: 'CREATE TABLE half (x INTEGER); SELECT * FROM no_such_table;' };
    expect(() => migrate(db, 0, [...migrations, broken])).toThrow();
    expect(db.prepare("SELECT name FROM sqlite_master WHERE name = 'half'").get()).toBeUndefined();
    expect(db.prepare('SELECT MAX(version) AS v FROM schema_migrations').get()).toEqual({ v: 2 });
    db.close();
  });

  it('is closed idempotently and refuses use after close', () => {
    temp = tempStore();
    temp.store.close();
    temp.store.close();
    expect(temp.store.open).toBe(false);
    expect(() => temp.store.schemaVersions()).toThrow(StoreError);
  });

  describe('scenarios', () => {
    it('numbers versions and keeps the latest current', () => {
      temp = tempStore(() => 1000);
      const { scenarios } = temp.store;
      scenarios.add({ name: 'ivr', fileName: 'ivr.ts', source: 'one', ...compiled });
      const two = scenarios.add({ name: 'ivr', fileName: 'ivr.ts', source: 'twö', ...compiled });
      expect(two).toMatchObject({ version: 2, sizeBytes: 4, createdAt: 1000 });
      expect(scenarios.get('ivr')).toMatchObject({ currentVersion: 2, versionCount: 2 });
      expect(scenarios.version('ivr').source).toBe('twö');
      expect(scenarios.version('ivr', 1).source).toBe('one');
      expect(scenarios.versions('ivr').map((v) => v.version)).toEqual([1, 2]);
    });

    it('throws typed not_found for unknown names and versions', () => {
      temp = tempStore();
      expect(() => temp.store.scenarios.get('x')).toThrow(expect.objectContaining({ code: 'not_found' }));
      temp.store.scenarios.add({ name: 'x', fileName: 'x.ts', source: '', ...compiled });
      expect(() => temp.store.scenarios.version('x', 2)).toThrow(expect.objectContaining({ code: 'not_found' }));
    });
  });

  describe('rules', () => {
    const setup = () => {
      temp = tempStore();
      temp.store.scenarios.add({ name: 's', fileName: 's.ts', source: '', ...compiled });
      return temp.store.rules;
    };

    it('bumps the revision on every change, and not on reads', () => {
      const rules = setup();
      const r0 = rules.revision();
      const rule = rules.create({ name: 'a', pattern: '1', scenario: 's' });
      expect(rules.revision()).toBe(r0 + 1);
      rules.list();
      rules.update(rule.id, { name: 'a', pattern: '2', scenario: 's' }, 1);
      rules.reorder([rule.id]);
      rules.delete(rule.id);
      expect(rules.revision()).toBe(r0 + 4);
    });

    it('leaves the table untouched when a change is refused', () => {
      const rules = setup();
      const rule = rules.create({ name: 'a', pattern: '1', scenario: 's' });
      const revision = rules.revision();
      expect(() => rules.update(rule.id, { name: 'b', pattern: '1', scenario: 's' }, 7)).toThrow(
        expect.objectContaining({ code: 'version_conflict' }),
      );
      expect(() => rules.create({ name: 'b', pattern: '1', scenario: 'ghost' })).toThrow(
        expect.objectContaining({ code: 'invalid_reference' }),
      );
      expect(rules.revision()).toBe(revision);
      expect(rules.list()).toEqual([rule]);
    });

    it('clamps an insert position past the end to the end', () => {
      const rules = setup();
      rules.create({ name: 'a', pattern: '1', scenario: 's' });
      expect(rules.create({ name: 'b', pattern: '1', scenario: 's' }, 99).position).toBe(1);
    });
  });

  describe('call records', () => {
    it('round-trips every field, including nulls and recording ids', () => {
      temp = tempStore();
      const record = endedCall({
        hangupBy: null,
        hangupReason: null,
        sipCode: null,
        ringingAt: null,
        answeredAt: null,
        hangupAt: null,
        durationSeconds: 0,
        holdState: 'remoteHeld',
        recordingIds: ['r1', 'r2'],
      });
      temp.store.callRecords.write(record);
      expect(temp.store.callRecords.get(record.id)).toEqual(record);
    });

    it('refuses a second record with the same id', () => {
      temp = tempStore();
      const record = endedCall();
      temp.store.callRecords.write(record);
      expect(() => temp.store.callRecords.write(record)).toThrow(expect.objectContaining({ code: 'already_exists' }));
    });

    it('writes a batch in one transaction: all or none', () => {
      temp = tempStore();
      const kept = endedCall();
      temp.store.callRecords.write(kept);
      const batch = [endedCall(), endedCall(), kept];
      expect(() => temp.store.callRecords.writeMany(batch)).toThrow(StoreError);
      expect(() => temp.store.callRecords.get(batch[0]!.id)).toThrow(expect.objectContaining({ code: 'not_found' }));
    });

    it('lists a session in creation order', () => {
      temp = tempStore();
      const [a, b] = [endedCall({ sessionId: 'z', createdAt: 2 }), endedCall({ sessionId: 'z', createdAt: 1 })];
      temp.store.callRecords.writeMany([a!, b!, endedCall({ sessionId: 'other' })]);
      expect(temp.store.callRecords.forSession('z').map((r) => r.id)).toEqual([b!.id, a!.id]);
    });
  });

  describe('sessions', () => {
    it('records start and end once, and interrupts sessions left running', () => {
      let now = 10;
      temp = tempStore(() => now);
      const { sessions } = temp.store;
      sessions.start({ id: 'a', scenario: 's', scenarioVersion: 1, customData: 'cd' });
      sessions.start({ id: 'b', scenario: 's', scenarioVersion: 1, customData: '' });
      now = 20;
      sessions.end('a', { status: 'ended', reason: 'terminated', log: ['one'] });
      sessions.end('a', { status: 'failed', reason: 'late', log: [] });
      expect(sessions.get('a')).toMatchObject({ status: 'ended', endedAt: 20, endReason: 'terminated', log: ['one'] });
      temp.store.close();
      now = 30;
      const reopened = temp.reopen();
      expect(reopened.sessions.interruptRunning()).toBe(1);
      expect(reopened.sessions.get('b')).toMatchObject({ status: 'interrupted', endedAt: 30, endReason: 'engine restarted' });
      expect(reopened.sessions.get('a').status).toBe('ended');
    });
  });

  describe('media files', () => {
    it('refuses recording ids that are not plain file names', () => {
      temp = tempStore();
      for (const id of ['../escape', '.hidden', 'a/b', '']) {
        expect(() => temp.store.mediaFiles.recordingPath(id), id).toThrow(expect.objectContaining({ code: 'invalid_reference' }));
      }
      expect(temp.store.mediaFiles.recordingPath('rec-1.mp3').startsWith(temp.dataDir)).toBe(true);
    });


    it('keeps asset bytes in the data directory and removes them on delete', async () => {
      temp = tempStore();
      const { mediaFiles } = temp.store;
      const asset = mediaFiles.addAsset({ name: 'hi.wav', contentType: 'audio/wav', bytes: Buffer.from('RIFF') });
      const { readFileSync, existsSync } = await import('node:fs');
      expect(mediaFiles.pathOf(asset).startsWith(temp.dataDir)).toBe(true);
      expect(readFileSync(mediaFiles.pathOf(asset), 'utf8')).toBe('RIFF');
      expect(asset.sha256).toMatch(/^[0-9a-f]{64}$/);
      mediaFiles.delete('asset', asset.id);
      expect(existsSync(mediaFiles.pathOf(asset))).toBe(false);
      expect(mediaFiles.assetByName('hi.wav')).toBeUndefined();
    });
  });
});

describe('partyNumber', () => {
  it.each([
    ['+15550100', '+15550100'],
    ['sip:+15550100@trunk.example.com', '+15550100'],
    ['sips:alice@example.com:5061', 'alice'],
    ['SIP:100@pbx', '100'],
    ['tel:+15550100;phone-context=example.com', '+15550100'],
    ['sip:+15550100;npdi@trunk', '+15550100'],
  ])('reduces %j to %j', (party, number) => {
    expect(partyNumber(party)).toBe(number);
  });

  it('is the same rule in SQL for rows written before migration 2', () => {
    const dir = mkdtempSync(join(tmpdir(), 'callscript-migration-'));
    const db = new Database(join(dir, 'callscript.db'));
    try {
      expect(migrate(db, 0, migrations.slice(0, 1))).toEqual([1]);
      const parties = ['+15550100', 'sip:+15550101@trunk', 'sips:bob@example.com', 'tel:+15550102;ext=1', 'SIP:100@pbx'];
      const insert = db.prepare(`INSERT INTO call_records (id, session_id, direction, status, hold_state, remote_party,
        local_party, created_at, duration_seconds, recording_ids) VALUES (?, 's', 'incoming', 'hangup', 'none', ?, ?, 1, 0, '[]')`);
      parties.forEach((party, i) => insert.run(`r${i}`, party, party));
      expect(migrate(db, 0)).toEqual([2]);
      const rows = db.prepare('SELECT remote_party, remote_number, local_number FROM call_records').all() as {
        remote_party: string;
        remote_number: string;
        local_number: string;
      }[];
      expect(rows).toHaveLength(parties.length);
      for (const row of rows) {
        expect(row.remote_number, row.remote_party).toBe(partyNumber(row.remote_party));
        expect(row.local_number).toBe(row.remote_number);
      }
    } finally {
      db.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

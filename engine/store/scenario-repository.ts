/**
 * Scenario versions. An upload that passed validation becomes the scenario's new current version in one
 * transaction; a refused upload never reaches the store, so the previous version keeps serving.
 */
import type { Database, Statement } from 'better-sqlite3';
import { StoreError, notFound } from './store-errors.js';
import type { ScenarioSummary, ScenarioVersion, ScenarioVersionSummary } from './store-types.js';

export interface NewScenarioVersion {
  name: string;
  fileName: string;
  source: string;
  code: string;
  hash: string;
}

interface VersionRow {
  name: string;
  version: number;
  file_name: string;
  source: string;
  code: string;
  hash: string;
  size_bytes: number;
  created_at: number;
}

interface ScenarioRow {
  name: string;
  current_version: number;
  version_count: number;
  created_at: number;
  updated_at: number;
}

const summaryColumns = `s.name, s.current_version, s.created_at, s.updated_at,
  (SELECT COUNT(*) FROM scenario_versions v WHERE v.name = s.name) AS version_count`;

export class ScenarioRepository {
  private readonly statements: {
    list: Statement;
    get: Statement;
    versions: Statement;
    version: Statement;
    nextVersion: Statement;
    bumpCounter: Statement;
    upsertScenario: Statement;
    insertVersion: Statement;
    rulesUsing: Statement;
    deleteScenario: Statement;
  };

  constructor(
    private readonly db: Database,
    private readonly now: () => number,
  ) {
    this.statements = {
      list: db.prepare(`SELECT ${summaryColumns} FROM scenarios s ORDER BY s.name`),
      get: db.prepare(`SELECT ${summaryColumns} FROM scenarios s WHERE s.name = ?`),
      versions: db.prepare(
        'SELECT name, version, file_name, hash, size_bytes, created_at FROM scenario_versions WHERE name = ? ORDER BY version',
      ),
      version: db.prepare('SELECT * FROM scenario_versions WHERE name = ? AND version = ?'),
      nextVersion: db.prepare('SELECT last_version FROM scenario_version_counters WHERE name = ?'),
      bumpCounter: db.prepare(`INSERT INTO scenario_version_counters (name, last_version) VALUES (?, 1)
        ON CONFLICT(name) DO UPDATE SET last_version = last_version + 1`),
      upsertScenario: db.prepare(`INSERT INTO scenarios (name, current_version, created_at, updated_at)
        VALUES (@name, @version, @now, @now)
        ON CONFLICT(name) DO UPDATE SET current_version = @version, updated_at = @now`),
      insertVersion: db.prepare(`INSERT INTO scenario_versions
        (name, version, file_name, source, code, hash, size_bytes, created_at)
        VALUES (@name, @version, @fileName, @source, @code, @hash, @sizeBytes, @createdAt)`),
      rulesUsing: db.prepare('SELECT id FROM rules WHERE scenario = ? ORDER BY position'),
      deleteScenario: db.prepare('DELETE FROM scenarios WHERE name = ?'),
    };
  }

  list(): ScenarioSummary[] {
    return (this.statements.list.all() as ScenarioRow[]).map(toSummary);
  }

  get(name: string): ScenarioSummary {
    const row = this.statements.get.get(name) as ScenarioRow | undefined;
    if (!row) throw notFound('scenario', name);
    return toSummary(row);
  }

  exists(name: string): boolean {
    return this.statements.get.get(name) !== undefined;
  }

  versions(name: string): ScenarioVersionSummary[] {
    this.get(name);
    return (this.statements.versions.all(name) as Omit<VersionRow, 'source' | 'code'>[]).map(toVersionSummary);
  }

  /** One version, or the current one when `version` is omitted. */
  version(name: string, version?: number): ScenarioVersion {
    const wanted = version ?? this.get(name).currentVersion;
    const row = this.statements.version.get(name, wanted) as VersionRow | undefined;
    if (!row) throw notFound('scenario version', `${name}@${wanted}`);
    return toVersion(row);
  }

  /** Stores a validated upload as the next version and makes it current. */
  add(upload: NewScenarioVersion): ScenarioVersion {
    return this.db.transaction(() => {
      this.statements.bumpCounter.run(upload.name);
      const { last_version: version } = this.statements.nextVersion.get(upload.name) as { last_version: number };
      const createdAt = this.now();
      const stored: ScenarioVersion = {
        ...upload,
        version,
        sizeBytes: Buffer.byteLength(upload.source, 'utf8'),
        createdAt,
      };
      this.statements.upsertScenario.run({ name: upload.name, version, now: createdAt });
      this.statements.insertVersion.run(stored);
      return stored;
    })();
  }

  /** Deletes a scenario and all its versions; refused while a rule routes calls to it. */
  delete(name: string): void {
    this.db.transaction(() => {
      this.get(name);
      const rules = (this.statements.rulesUsing.all(name) as { id: string }[]).map((row) => row.id);
      if (rules.length > 0) {
        throw new StoreError('in_use', `scenario '${name}' is used by ${rules.length} rule(s)`, { rules });
      }
      this.statements.deleteScenario.run(name);
    })();
  }
}

function toSummary(row: ScenarioRow): ScenarioSummary {
  return {
    name: row.name,
    currentVersion: row.current_version,
    versionCount: row.version_count,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

function toVersionSummary(row: Omit<VersionRow, 'source' | 'code'>): ScenarioVersionSummary {
  return {
    name: row.name,
    version: row.version,
    fileName: row.file_name,
    hash: row.hash,
    sizeBytes: row.size_bytes,
    createdAt: row.created_at,
  };
}

function toVersion(row: VersionRow): ScenarioVersion {
  return { ...toVersionSummary(row), source: row.source, code: row.code };
}

/**
 * Recordings and audio assets: metadata in the database, bytes as files under the data directory
 * (`recordings/<id>`, `assets/<id>`). A file is complete on disk before its row is committed, so a listed file can
 * always be served.
 */
import { createHash, randomUUID } from 'node:crypto';
import { closeSync, fsyncSync, mkdirSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import type { Database, Statement } from 'better-sqlite3';
import { StoreError, notFound } from './store-errors.js';
import type { MediaFile } from './store-types.js';

export type MediaFileKind = MediaFile['kind'];

export interface NewAsset {
  name: string;
  contentType: string;
  bytes: Buffer;
}

export interface NewRecording {
  /** The id the recorder wrote its file under, see {@link MediaFileRepository.recordingPath}. */
  id: string;
  name: string;
  contentType: string;
  sessionId: string;
  callId: string | null;
}

interface MediaFileRow {
  id: string;
  kind: MediaFileKind;
  name: string;
  content_type: string;
  size_bytes: number;
  sha256: string;
  session_id: string | null;
  call_id: string | null;
  created_at: number;
}

const folders: Record<MediaFileKind, string> = { recording: 'recordings', asset: 'assets' };

export class MediaFileRepository {
  private readonly statements: {
    insert: Statement;
    get: Statement;
    byName: Statement;
    list: Statement;
    delete: Statement;
  };

  constructor(
    db: Database,
    private readonly dataDir: string,
    private readonly now: () => number,
  ) {
    for (const folder of Object.values(folders)) mkdirSync(join(dataDir, folder), { recursive: true });
    this.statements = {
      insert: db.prepare(`INSERT INTO media_files
        (id, kind, name, content_type, size_bytes, sha256, session_id, call_id, created_at)
        VALUES (@id, @kind, @name, @contentType, @sizeBytes, @sha256, @sessionId, @callId, @createdAt)`),
      get: db.prepare('SELECT * FROM media_files WHERE kind = ? AND id = ?'),
      byName: db.prepare("SELECT * FROM media_files WHERE kind = 'asset' AND name = ?"),
      list: db.prepare(`SELECT * FROM media_files WHERE kind = @kind
        AND (@sessionId IS NULL OR session_id = @sessionId) AND (@callId IS NULL OR call_id = @callId)
        ORDER BY created_at DESC, id DESC LIMIT @limit OFFSET @offset`),
      delete: db.prepare('DELETE FROM media_files WHERE kind = ? AND id = ?'),
    };
  }

  /** Where a recorder writes the file of recording `id` before registering it. */
  recordingPath(id: string): string {
    // The id becomes a file name: nothing that could climb out of the folder.
    if (!/^[A-Za-z0-9_-][A-Za-z0-9_.-]{0,127}$/.test(id)) {
      throw new StoreError('invalid_reference', `'${id}' is not usable as a recording id`, { id });
    }
    return join(this.dataDir, folders.recording, id);
  }

  /** Where the bytes of a stored file live. */
  pathOf(file: Pick<MediaFile, 'kind' | 'id'>): string {
    return join(this.dataDir, folders[file.kind], file.id);
  }

  addAsset(asset: NewAsset): MediaFile {
    if (this.statements.byName.get(asset.name)) {
      throw new StoreError('already_exists', `asset '${asset.name}' already exists`, { name: asset.name });
    }
    const file: MediaFile = {
      id: randomUUID(),
      kind: 'asset',
      name: asset.name,
      contentType: asset.contentType,
      sizeBytes: asset.bytes.length,
      sha256: createHash('sha256').update(asset.bytes).digest('hex'),
      sessionId: null,
      callId: null,
      createdAt: this.now(),
    };
    writeDurably(this.pathOf(file), asset.bytes);
    try {
      this.statements.insert.run(file);
    } catch (error) {
      rmSync(this.pathOf(file), { force: true });
      throw error;
    }
    return file;
  }

  /** Registers a finished recording whose file is already at {@link recordingPath}. */
  addRecording(recording: NewRecording): MediaFile {
    const bytes = readFileSync(this.recordingPath(recording.id));
    const file: MediaFile = {
      ...recording,
      kind: 'recording',
      sizeBytes: bytes.length,
      sha256: createHash('sha256').update(bytes).digest('hex'),
      createdAt: this.now(),
    };
    this.statements.insert.run(file);
    return file;
  }

  get(kind: MediaFileKind, id: string): MediaFile {
    const row = this.statements.get.get(kind, id) as MediaFileRow | undefined;
    if (!row) throw notFound(kind, id);
    return toMediaFile(row);
  }

  /** The asset a scenario names, for `startPlayback`. */
  assetByName(name: string): MediaFile | undefined {
    const row = this.statements.byName.get(name) as MediaFileRow | undefined;
    return row && toMediaFile(row);
  }

  list(
    kind: MediaFileKind,
    filter: { sessionId?: string; callId?: string; limit: number; offset: number },
  ): MediaFile[] {
    const rows = this.statements.list.all({
      kind,
      sessionId: filter.sessionId ?? null,
      callId: filter.callId ?? null,
      limit: filter.limit,
      offset: filter.offset,
    }) as MediaFileRow[];
    return rows.map(toMediaFile);
  }

  delete(kind: MediaFileKind, id: string): void {
    const file = this.get(kind, id);
    this.statements.delete.run(kind, id);
    rmSync(this.pathOf(file), { force: true });
  }
}

function writeDurably(path: string, bytes: Buffer): void {
  const fd = openSync(path, 'w');
  try {
    writeSync(fd, bytes);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

function toMediaFile(row: MediaFileRow): MediaFile {
  return {
    id: row.id,
    kind: row.kind,
    name: row.name,
    contentType: row.content_type,
    sizeBytes: row.size_bytes,
    sha256: row.sha256,
    sessionId: row.session_id,
    callId: row.call_id,
    createdAt: row.created_at,
  };
}

/**
 * The records the store keeps, as plain data. Timestamps are wall-clock epoch milliseconds.
 */
import type { CallRecord } from '../call/call-record.js';

export type { CallRecord };

/** One uploaded, validated version of a scenario. Versions of a name count up from 1 and are never reused. */
export interface ScenarioVersion {
  name: string;
  version: number;
  /** The entry file name as the author uploaded it (errors and stacks name it). */
  fileName: string;
  source: string;
  /** The compiled script, ready for a sandbox (IIFE with an inline source map). */
  code: string;
  /** SHA-256 (hex) of `code`. */
  hash: string;
  /** Size of `source` in bytes (UTF-8). */
  sizeBytes: number;
  createdAt: number;
}

export type ScenarioVersionSummary = Omit<ScenarioVersion, 'source' | 'code'>;

export interface ScenarioSummary {
  name: string;
  /** The version new sessions and rules use: the latest one that passed validation. */
  currentVersion: number;
  versionCount: number;
  createdAt: number;
  updatedAt: number;
}

/** A routing rule: a regular expression over the whole dialled number, naming the scenario that handles it. */
export interface Rule {
  id: string;
  name: string;
  pattern: string;
  scenario: string;
  /** 0-based place in the ordered table; the first rule that matches wins. */
  position: number;
  /** Optimistic-locking version, 1 on creation, +1 on every change (including a move by a reorder). */
  version: number;
  createdAt: number;
  updatedAt: number;
}

export interface RuleInput {
  name: string;
  pattern: string;
  scenario: string;
}

export type SessionStatus = 'running' | 'ended' | 'failed' | 'interrupted';

export interface SessionRecord {
  id: string;
  scenario: string;
  scenarioVersion: number;
  customData: string;
  status: SessionStatus;
  startedAt: number;
  endedAt: number | null;
  /** Why it ended (`terminated`, `scenario_error: ...`, `engine restarted`, ...); null while running. */
  endReason: string | null;
  /** The session's log lines, kept when it ends (the running session's log is read from the session itself). */
  log: string[];
}

/** An audio file produced by a recorder, or uploaded as an asset for `startPlayback`. */
export interface MediaFile {
  id: string;
  kind: 'recording' | 'asset';
  /** Assets: the unique name a scenario refers to. Recordings: the file name. */
  name: string;
  contentType: string;
  sizeBytes: number;
  sha256: string;
  sessionId: string | null;
  callId: string | null;
  createdAt: number;
}

export interface CallRecordQuery {
  /** Inclusive lower bound on `createdAt`. */
  from?: number;
  /** Exclusive upper bound on `createdAt`. */
  to?: number;
  /**
   * Matches calls whose remote or local party is this number: a SIP or tel URI's user part counts as its number, so
   * `+15550100` finds `sip:+15550100@trunk`, and a URI given here is reduced the same way.
   */
  number?: string;
  status?: CallRecord['status'];
  sessionId?: string;
  direction?: CallRecord['direction'];
  /** Keyset cursor from a previous page (`nextCursor`). */
  cursor?: string;
  limit: number;
}

export interface Page<T> {
  items: T[];
  /** Pass as `cursor` to get the next page; null on the last page. */
  nextCursor: string | null;
}

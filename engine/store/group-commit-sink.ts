import type { CallRecord } from '../call/call-record.js';
import type { CallRecordSink } from '../session/session-types.js';
import type { CallRecordRepository } from './call-record-repository.js';
import type { GroupCommit } from './group-commit.js';

export interface GroupCommitSinkOptions {
  /** A record that could not be stored even alone (e.g. a duplicate id); the others of its group are kept. */
  onError?: (error: unknown, record: CallRecord) => void;
}

/** A call-record sink over a {@link GroupCommit}: each record is durable at the end of the turn in which its call ended. */
export class GroupCommitCallRecordSink implements CallRecordSink {
  constructor(
    private readonly commit: GroupCommit,
    private readonly repository: Pick<CallRecordRepository, 'write'>,
    private readonly options: GroupCommitSinkOptions = {},
  ) {}

  write(record: CallRecord): void {
    this.commit.defer({
      run: () => this.repository.write(record),
      failed: (error) => this.options.onError?.(error, record),
    });
  }
}

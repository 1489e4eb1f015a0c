import type { CallRecord } from '../../../engine/call/call-record.js';

let sequence = 0;

/** An ended call's record; every field can be overridden. */
export function endedCall(overrides: Partial<CallRecord> = {}): CallRecord {
  sequence += 1;
  const createdAt = overrides.createdAt ?? 1_700_000_000_000 + sequence * 1000;
  return {
    id: `call-${sequence}-${Math.random().toString(36).slice(2, 8)}`,
    sessionId: 'session-1',
    direction: 'incoming',
    status: 'hangup',
    holdState: 'none',
    remoteParty: '+15550100',
    localParty: '+18005550199',
    hangupBy: 'remote',
    hangupReason: 'normal',
    sipCode: 200,
    createdAt,
    ringingAt: createdAt + 100,
    answeredAt: createdAt + 2000,
    hangupAt: createdAt + 32_000,
    durationSeconds: 30,
    recordingIds: [],
    ...overrides,
  };
}

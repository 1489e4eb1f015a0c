/**
 * JSON Schemas shared by the routes: fastify validates request parts against them (with unknown fields refused and
 * no type coercion), and the OpenAPI document publishes them.
 *
 * Query strings and path parameters arrive as text, so their numbers are declared as digit strings and parsed by
 * the route: coercing types would also let `"5"` pass for a number in a JSON body.
 */
export const digits = (description: string, maxDigits = 15) => ({
  type: 'string',
  pattern: `^[0-9]{1,${maxDigits}}$`,
  description,
});

export const pageQuery = {
  limit: digits('Page size, 1-500 (default 50)', 3),
  offset: digits('Items to skip (default 0)', 9),
};

export function parsePage(query: { limit?: string; offset?: string }): { limit: number; offset: number } {
  return { limit: parseLimit(query.limit), offset: query.offset === undefined ? 0 : Number(query.offset) };
}

export function parseLimit(limit: string | undefined): number {
  const value = limit === undefined ? 50 : Number(limit);
  return Math.min(Math.max(value, 1), 500);
}

export const idParams = (description: string) => ({
  type: 'object',
  required: ['id'],
  additionalProperties: false,
  properties: { id: { type: 'string', minLength: 1, maxLength: 128, description } },
});

const timestamp = { type: 'integer', description: 'Epoch milliseconds' };
const nullableTimestamp = { type: 'integer', nullable: true, description: 'Epoch milliseconds, null if it did not happen' };

export const scenarioSummarySchema = {
  type: 'object',
  properties: {
    name: { type: 'string' },
    currentVersion: { type: 'integer' },
    versionCount: { type: 'integer' },
    createdAt: timestamp,
    updatedAt: timestamp,
  },
};

export const scenarioVersionSchema = {
  type: 'object',
  properties: {
    name: { type: 'string' },
    version: { type: 'integer' },
    fileName: { type: 'string' },
    hash: { type: 'string', description: 'SHA-256 of the compiled code' },
    sizeBytes: { type: 'integer' },
    createdAt: timestamp,
    source: { type: 'string', description: 'Only when one version is fetched' },
  },
};

export const ruleSchema = {
  type: 'object',
  properties: {
    id: { type: 'string' },
    name: { type: 'string' },
    pattern: { type: 'string', description: 'Regular expression that must match the whole dialled number' },
    scenario: { type: 'string' },
    position: { type: 'integer', description: '0-based; the first matching rule wins' },
    version: { type: 'integer', description: 'Optimistic-locking version' },
    createdAt: timestamp,
    updatedAt: timestamp,
  },
};

export const callRecordSchema = {
  type: 'object',
  properties: {
    id: { type: 'string' },
    sessionId: { type: 'string' },
    direction: { type: 'string', enum: ['incoming', 'outgoing'] },
    status: { type: 'string', enum: ['dialing', 'ringing', 'progressing', 'terminating', 'canceling', 'hangup'] },
    holdState: { type: 'string', enum: ['none', 'held', 'remoteHeld'] },
    remoteParty: { type: 'string' },
    localParty: { type: 'string' },
    hangupBy: { type: 'string', enum: ['local', 'remote'], nullable: true },
    hangupReason: { type: 'string', nullable: true },
    sipCode: { type: 'integer', nullable: true },
    createdAt: timestamp,
    ringingAt: nullableTimestamp,
    answeredAt: nullableTimestamp,
    hangupAt: nullableTimestamp,
    durationSeconds: { type: 'number' },
    recordingIds: { type: 'array', items: { type: 'string' } },
  },
};

export const sessionSchema = {
  type: 'object',
  properties: {
    id: { type: 'string' },
    scenario: { type: 'string' },
    scenarioVersion: { type: 'integer' },
    customData: { type: 'string' },
    status: { type: 'string', enum: ['running', 'terminating', 'ended', 'failed', 'interrupted'] },
    startedAt: timestamp,
    endedAt: nullableTimestamp,
    endReason: { type: 'string', nullable: true },
    accessUrl: { type: 'string', description: 'Control URL; requests to it raise AppEvents.HttpRequest' },
    calls: { type: 'array', items: callRecordSchema },
    log: { type: 'array', items: { type: 'string' } },
  },
};

export const mediaFileSchema = {
  type: 'object',
  properties: {
    id: { type: 'string' },
    kind: { type: 'string', enum: ['recording', 'asset'] },
    name: { type: 'string' },
    contentType: { type: 'string' },
    sizeBytes: { type: 'integer' },
    sha256: { type: 'string' },
    sessionId: { type: 'string', nullable: true },
    callId: { type: 'string', nullable: true },
    createdAt: timestamp,
  },
};

export const listOf = (items: object) => ({
  type: 'object',
  properties: { items: { type: 'array', items } },
});

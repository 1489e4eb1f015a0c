/*
 * Header field names: case-insensitive (RFC 3261 7.3.1), with the compact forms of RFC 3261 7.3.3 and its
 * extensions. Headers are looked up by "key": the lower-cased long form.
 */

const COMPACT_FORMS: Readonly<Record<string, string>> = {
  a: 'accept-contact',
  b: 'referred-by',
  c: 'content-type',
  d: 'request-disposition',
  e: 'content-encoding',
  f: 'from',
  i: 'call-id',
  j: 'reject-contact',
  k: 'supported',
  l: 'content-length',
  m: 'contact',
  n: 'identity-info',
  o: 'event',
  r: 'refer-to',
  s: 'subject',
  t: 'to',
  u: 'allow-events',
  v: 'via',
  x: 'session-expires',
  y: 'identity',
};

/** The lower-cased long form of a header name, e.g. `v` -> `via`, `Call-Id` -> `call-id`. */
export function headerKey(name: string): string {
  const lower = name.toLowerCase();
  return lower.length === 1 ? (COMPACT_FORMS[lower] ?? lower) : lower;
}

// Names whose conventional spelling is not plain Title-Case.
const SPECIAL_SPELLINGS: Readonly<Record<string, string>> = {
  'call-id': 'Call-ID',
  cseq: 'CSeq',
  'www-authenticate': 'WWW-Authenticate',
  'mime-version': 'MIME-Version',
  'rack': 'RAck',
  'rseq': 'RSeq',
  'sip-etag': 'SIP-ETag',
  'sip-if-match': 'SIP-If-Match',
};

/** The conventional spelling of a header name for output, e.g. `call-id` -> `Call-ID`, `l` -> `Content-Length`. */
export function canonicalHeaderName(name: string): string {
  const key = headerKey(name);
  const special = SPECIAL_SPELLINGS[key];
  if (special) return special;
  return key.replace(/(^|-)([a-z])/g, (_, dash: string, letter: string) => dash + letter.toUpperCase());
}

/**
 * Headers whose grammar is a comma-separated list (RFC 3261 7.3.1: such values may be split over several fields or
 * combined into one). Others (From, To, Call-ID, Authorization, Date ...) are never split at commas.
 */
const LIST_HEADERS: ReadonlySet<string> = new Set([
  'accept',
  'accept-encoding',
  'accept-language',
  'alert-info',
  'allow',
  'allow-events',
  'call-info',
  'contact',
  'content-encoding',
  'content-language',
  'error-info',
  'in-reply-to',
  'p-asserted-identity',
  'path',
  'proxy-require',
  'reason',
  'record-route',
  'require',
  'route',
  'security-client',
  'security-server',
  'security-verify',
  'service-route',
  'supported',
  'unsupported',
  'via',
  'warning',
]);

export function isListHeader(key: string): boolean {
  return LIST_HEADERS.has(key);
}

import { parseAuthHeader, type AuthHeaderValue } from './auth-params.js';
import type { HeaderField } from './header-field.js';
import { canonicalHeaderName, headerKey, isListHeader } from './header-names.js';
import { parseNameAddr, parseNameAddrList, type NameAddr } from './name-addr.js';
import {
  parseCallId,
  parseContentLength,
  parseCSeq,
  parseDeltaSeconds,
  parseMaxForwards,
  parseMediaType,
  parseTokenList,
  type CSeq,
  type MediaType,
} from './scalar-headers.js';
import { isToken, splitList } from './sip-lexical.js';
import { SipParseError } from './sip-parse-error.js';
import { formatVia, parseVia, parseViaList, type Via } from './via.js';

const CRLF = '\r\n';
const BEYOND_LATIN1 = /[^\u0000-\u00ff]/;

export type HeadEncoding = 'utf8' | 'latin1';

/**
 * What requests and responses share: ordered header fields, a body, typed header accessors that parse a value on
 * first use and cache it (the parser only splits fields, so unread headers cost nothing), mutation, serialization.
 * Accessors throw {@link SipParseError} when a value is malformed; a mandatory header that is missing or repeated
 * throws too (RFC 3261 8.2 answers such requests 400).
 */
export abstract class SipMessage {
  private readonly fields: HeaderField[];
  /** Parsed header values by header key; created on the first typed access. */
  private cache: Map<string, unknown> | undefined;
  private bodyBuffer: Buffer;
  private bodyTextCache: string | undefined;

  protected constructor(
    fields: HeaderField[],
    body: Buffer,
    /**
     * How the header text was decoded: `latin1` when its octets were not valid UTF-8, so that serializing writes the
     * same octets back (a proxy must not rewrite what it forwards).
     */
    readonly headEncoding: HeadEncoding = 'utf8',
  ) {
    this.fields = fields;
    this.bodyBuffer = body;
  }

  abstract readonly version: string;
  abstract startLine(): string;

  // ---- raw header access -------------------------------------------------------------------------------------

  /** The first field value of a header (compact or long name, any case), or undefined. */
  header(name: string): string | undefined {
    const key = headerKey(name);
    for (const field of this.fields) if (field.key === key) return field.value;
    return undefined;
  }

  /**
   * All values of a header in order; a list header's comma-combined values are split (RFC 3261 7.3.1). Raw access
   * never throws: a field too malformed to split (an unterminated quote) comes back whole.
   */
  headers(name: string): string[] {
    const key = headerKey(name);
    const values: string[] = [];
    for (const field of this.fields) {
      if (field.key !== key) continue;
      if (isListHeader(key) && field.value.includes(',')) values.push(...splitOrWhole(field.value));
      else values.push(field.value);
    }
    return values;
  }

  hasHeader(name: string): boolean {
    return this.header(name) !== undefined;
  }

  /** Every header field in message order. */
  headerFields(): readonly HeaderField[] {
    return this.fields;
  }

  // ---- mutation ------------------------------------------------------------------------------------------------

  /** Replaces every field of this header with the given value(s), at the position of the first one (or at the end). */
  setHeader(name: string, value: string | readonly string[]): this {
    const key = headerKey(name);
    const values = typeof value === 'string' ? [value] : value;
    const first = this.fields.findIndex((field) => field.key === key);
    this.removeFields(key);
    const at = first < 0 ? this.fields.length : first;
    this.fields.splice(at, 0, ...values.map((v) => this.field(name, key, v)));
    return this;
  }

  /** Appends a field after the existing ones. */
  addHeader(name: string, value: string): this {
    const key = headerKey(name);
    this.fields.push(this.field(name, key, value));
    this.cache?.delete(key);
    return this;
  }

  /** Inserts a field before the first field of the same header (or at the top), as a proxy does with Via. */
  prependHeader(name: string, value: string): this {
    const key = headerKey(name);
    const first = this.fields.findIndex((field) => field.key === key);
    this.fields.splice(first < 0 ? 0 : first, 0, this.field(name, key, value));
    this.cache?.delete(key);
    return this;
  }

  removeHeader(name: string): this {
    this.removeFields(headerKey(name));
    return this;
  }

  /** Removes the first value of a header (e.g. a proxy removing its own Via from a response, RFC 3261 16.7 step 3). */
  removeFirstValue(name: string): this {
    const key = headerKey(name);
    const index = this.fields.findIndex((field) => field.key === key);
    if (index < 0) return this;
    const field = this.fields[index]!;
    const rest = isListHeader(key) ? splitList(field.value).slice(1) : [];
    if (rest.length > 0) this.fields[index] = { ...field, value: rest.join(', ') };
    else this.fields.splice(index, 1);
    this.cache?.delete(key);
    return this;
  }

  prependVia(via: Via | string): this {
    return this.prependHeader('Via', typeof via === 'string' ? via : formatVia(via));
  }

  /** Sets the body and its Content-Length (and Content-Type when given). */
  setBody(body: Buffer | string, contentType?: string): this {
    this.bodyBuffer = typeof body === 'string' ? Buffer.from(body, 'utf8') : body;
    this.bodyTextCache = typeof body === 'string' ? body : undefined;
    if (contentType !== undefined) this.setHeader('Content-Type', contentType);
    else if (this.bodyBuffer.length === 0) this.removeHeader('Content-Type');
    this.setHeader('Content-Length', String(this.bodyBuffer.length));
    return this;
  }

  private field(name: string, key: string, value: string): HeaderField {
    if (!isToken(name)) throw new SipParseError('Bad header name', name);
    if (/[\r\n]/.test(value)) throw new SipParseError('Bad header value', `${name} holds a line break`);
    return { name: name.length === 1 ? canonicalHeaderName(name) : name, key, value };
  }

  private removeFields(key: string): void {
    for (let i = this.fields.length - 1; i >= 0; i--) if (this.fields[i]!.key === key) this.fields.splice(i, 1);
    this.cache?.delete(key);
  }

  // ---- body ----------------------------------------------------------------------------------------------------

  get body(): Buffer {
    return this.bodyBuffer;
  }

  /** The body decoded as UTF-8 (SDP, sipfrag, text/plain ...). */
  get bodyText(): string {
    this.bodyTextCache ??= this.bodyBuffer.toString('utf8');
    return this.bodyTextCache;
  }

  // ---- typed accessors (parsed on first use, cached until the header changes) ----------------------------------

  private cached<T>(key: string, parse: () => T): T {
    this.cache ??= new Map();
    const value = this.cache.get(key);
    if (value !== undefined || this.cache.has(key)) return value as T;
    const parsed = parse();
    this.cache.set(key, parsed);
    return parsed;
  }

  /** A header that must appear exactly once (RFC 3261 7.3.1 / 20), parsed; written without closures (hot path). */
  private singleValue<T>(key: string, label: string, parse: (value: string) => T): T {
    const cache = (this.cache ??= new Map());
    const hit = cache.get(key);
    if (hit !== undefined) return hit as T;
    const value = parseLabelled(label, parse, this.single(key, label));
    cache.set(key, value);
    return value;
  }

  /** A header that may appear at most once, parsed; undefined when absent. */
  private optionalValue<T>(key: string, label: string, parse: (value: string) => T): T | undefined {
    const cache = (this.cache ??= new Map());
    const hit = cache.get(key);
    if (hit !== undefined || cache.has(key)) return hit as T | undefined;
    const raw = this.optionalSingle(key, label);
    const value = raw === undefined ? undefined : parseLabelled(label, parse, raw);
    cache.set(key, value);
    return value;
  }

  /** The one value of a header that must appear exactly once (RFC 3261 7.3.1 / 20). */
  private single(key: string, label: string): string {
    let found: string | undefined;
    for (const field of this.fields) {
      if (field.key !== key) continue;
      if (found !== undefined) throw new SipParseError(`Duplicate ${label} header`);
      found = field.value;
    }
    if (found === undefined) throw new SipParseError(`Missing ${label} header`);
    return found;
  }

  private optionalSingle(key: string, label: string): string | undefined {
    return this.fields.some((field) => field.key === key) ? this.single(key, label) : undefined;
  }

  /** Every Via value, top first. Throws when there is none. */
  get via(): readonly Via[] {
    return this.cached('via', () => {
      const vias = labelled('Via', () => {
        const all: Via[] = [];
        for (const field of this.fields) {
          if (field.key !== 'via') continue;
          if (field.value.indexOf(',') < 0) all.push(parseVia(field.value));
          else for (const via of parseViaList(field.value)) all.push(via);
        }
        return all;
      });
      if (vias.length === 0) throw new SipParseError('Missing Via header');
      return vias;
    });
  }

  get topVia(): Via {
    return this.via[0]!;
  }

  get from(): NameAddr {
    return this.singleValue('from', 'From', parseNameAddr);
  }

  get to(): NameAddr {
    return this.singleValue('to', 'To', parseNameAddr);
  }

  get callId(): string {
    return this.singleValue('call-id', 'Call-ID', parseCallId);
  }

  get cseq(): CSeq {
    return this.singleValue('cseq', 'CSeq', parseCSeq);
  }

  /** Contact values, `'*'` for the REGISTER wildcard (RFC 3261 10.2.2), `[]` when absent. */
  get contact(): readonly NameAddr[] | '*' {
    return this.cached('contact', () => {
      const values = this.rawValues('contact');
      if (values.length === 1 && values[0] === '*') return '*' as const;
      return labelled('Contact', () => nameAddrsOf(values));
    });
  }

  get maxForwards(): number | undefined {
    return this.optionalValue('max-forwards', 'Max-Forwards', parseMaxForwards);
  }

  /** The Content-Length header's value; undefined when the header is absent (an RFC 2543 datagram). */
  get contentLength(): number | undefined {
    return this.cached('content-length', () => {
      let length: number | undefined;
      for (const field of this.fields) {
        if (field.key !== 'content-length') continue;
        const value = parseContentLength(field.value);
        if (length !== undefined && value !== length) throw new SipParseError('Bad Content-Length', 'conflicting values');
        length = value;
      }
      return length;
    });
  }

  get contentType(): MediaType | undefined {
    return this.optionalValue('content-type', 'Content-Type', parseMediaType);
  }

  get routes(): readonly NameAddr[] {
    return this.cached('route', () => this.nameAddrs('route', 'Route'));
  }

  get recordRoutes(): readonly NameAddr[] {
    return this.cached('record-route', () => this.nameAddrs('record-route', 'Record-Route'));
  }

  get require(): readonly string[] {
    return this.cached('require', () => parseTokenList(this.rawValues('require'), 'Require'));
  }

  get proxyRequire(): readonly string[] {
    return this.cached('proxy-require', () => parseTokenList(this.rawValues('proxy-require'), 'Proxy-Require'));
  }

  get supported(): readonly string[] {
    return this.cached('supported', () => parseTokenList(this.rawValues('supported'), 'Supported'));
  }

  get unsupported(): readonly string[] {
    return this.cached('unsupported', () => parseTokenList(this.rawValues('unsupported'), 'Unsupported'));
  }

  get allow(): readonly string[] {
    return this.cached('allow', () => parseTokenList(this.rawValues('allow'), 'Allow'));
  }

  get expires(): number | undefined {
    return this.optionalValue('expires', 'Expires', parseDeltaSeconds);
  }

  get wwwAuthenticate(): readonly AuthHeaderValue[] {
    return this.cached('www-authenticate', () => this.authValues('www-authenticate', 'WWW-Authenticate'));
  }

  get proxyAuthenticate(): readonly AuthHeaderValue[] {
    return this.cached('proxy-authenticate', () => this.authValues('proxy-authenticate', 'Proxy-Authenticate'));
  }

  get authorization(): readonly AuthHeaderValue[] {
    return this.cached('authorization', () => this.authValues('authorization', 'Authorization'));
  }

  get proxyAuthorization(): readonly AuthHeaderValue[] {
    return this.cached('proxy-authorization', () => this.authValues('proxy-authorization', 'Proxy-Authorization'));
  }

  private rawValues(key: string): string[] {
    const values: string[] = [];
    for (const field of this.fields) if (field.key === key) values.push(field.value);
    return values;
  }

  private nameAddrs(key: string, label: string): NameAddr[] {
    return labelled(label, () => nameAddrsOf(this.rawValues(key)));
  }

  private authValues(key: string, label: string): AuthHeaderValue[] {
    return this.rawValues(key).map((value) => parseAuthHeader(value, label));
  }

  // ---- serialization -------------------------------------------------------------------------------------------

  toString(): string {
    let head = this.startLine() + CRLF;
    for (const field of this.fields) head += `${field.name}: ${field.value}${CRLF}`;
    return head + CRLF + this.bodyText;
  }

  toBuffer(): Buffer {
    let head = this.startLine() + CRLF;
    for (const field of this.fields) head += `${field.name}: ${field.value}${CRLF}`;
    head += CRLF;
    // A Latin-1 head edited with characters beyond U+00FF can no longer be written as Latin-1.
    const encoding = this.headEncoding === 'latin1' && !BEYOND_LATIN1.test(head) ? 'latin1' : 'utf8';
    const headLength = Buffer.byteLength(head, encoding);
    const out = Buffer.allocUnsafe(headLength + this.bodyBuffer.length);
    out.write(head, 0, encoding);
    this.bodyBuffer.copy(out, headLength);
    return out;
  }
}

function splitOrWhole(value: string): string[] {
  try {
    return splitList(value);
  } catch (error) {
    if (error instanceof SipParseError) return [value];
    throw error;
  }
}

function nameAddrsOf(values: readonly string[]): NameAddr[] {
  const all: NameAddr[] = [];
  for (const value of values) {
    // Most fields hold one value: skip the list split (a comma may only appear inside quotes or <> otherwise).
    if (value.indexOf(',') < 0) all.push(parseNameAddr(value));
    else for (const item of parseNameAddrList(value)) all.push(item);
  }
  return all;
}

/** Parses a header value, re-labelling a generic reason ("Bad name-addr") with the header ("Bad From"). */
function parseLabelled<T>(label: string, parse: (value: string) => T, value: string): T {
  try {
    return parse(value);
  } catch (error) {
    if (error instanceof SipParseError && !error.reason.startsWith(`Bad ${label}`)) {
      throw new SipParseError(`Bad ${label}`, error.message);
    }
    throw error;
  }
}

/** Re-labels a value parser's generic reason ("Bad name-addr") with the header it came from ("Bad From"). */
function labelled<T>(label: string, parse: () => T): T {
  try {
    return parse();
  } catch (error) {
    if (error instanceof SipParseError && !error.reason.startsWith('Missing') && !error.reason.startsWith('Duplicate')) {
      throw new SipParseError(`Bad ${label}`, error.message);
    }
    throw error;
  }
}

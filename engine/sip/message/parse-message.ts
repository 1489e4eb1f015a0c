import { isUtf8 } from 'node:buffer';
import type { HeaderField } from './header-field.js';
import type { HeadEncoding } from './message.js';
import { headerKey } from './header-names.js';
import { SipRequest } from './request.js';
import { SipResponse } from './response.js';
import { parseContentLength } from './scalar-headers.js';
import { isToken } from './sip-lexical.js';
import { SipParseError, type SipParseContext } from './sip-parse-error.js';

/** Default largest message accepted: the largest UDP payload; streams may configure more or less. */
export const DEFAULT_MAX_MESSAGE_SIZE = 65535;

export interface ParseOptions {
  /** Messages longer than this are refused with reason "Message Too Large" (RFC 3261 21.4.11 513). */
  readonly maxSize?: number;
}

const CRLF_CRLF = Buffer.from('\r\n\r\n');
const LF_LF = Buffer.from('\n\n');
const SIP_VERSION = /^SIP\/[0-9]+\.[0-9]+$/i;

/**
 * Parses one SIP message from a datagram or from a frame cut by {@link SipStreamFramer}. Splits the start line and
 * the header fields eagerly (unfolding continuation lines, RFC 3261 7.3.1); header values are parsed later, on first
 * access. The body is framed by Content-Length (RFC 3261 18.3: octets past it in a datagram are discarded; a
 * Content-Length larger than the message is an error); without Content-Length the body is the rest of the datagram.
 * The returned body shares memory with `data`.
 * @throws SipParseError with a reason for a 400 and, when the header section split, the fields in `context`.
 */
export function parseMessage(data: Buffer | string, options: ParseOptions = {}): SipRequest | SipResponse {
  const buffer = typeof data === 'string' ? Buffer.from(data, 'utf8') : data;
  const maxSize = options.maxSize ?? DEFAULT_MAX_MESSAGE_SIZE;
  if (buffer.length > maxSize) throw new SipParseError('Message Too Large', `${buffer.length} > ${maxSize} bytes`);

  // RFC 3261 7.5: CRLFs before the start-line are ignored.
  let start = 0;
  while (start + 1 < buffer.length && buffer[start] === 0x0d && buffer[start + 1] === 0x0a) start += 2;
  if (start >= buffer.length) throw new SipParseError('Empty message');

  let headEnd = buffer.indexOf(CRLF_CRLF, start);
  let bodyStart = headEnd + 4;
  if (headEnd < 0) {
    headEnd = buffer.indexOf(LF_LF, start);
    bodyStart = headEnd + 2;
  }
  if (headEnd < 0) {
    // A datagram whose header section is not closed by an empty line: read what is there, with no body.
    headEnd = buffer.length;
    bodyStart = buffer.length;
  }

  const utf8 = buffer.toString('utf8', start, headEnd);
  const encoding = headEncodingOf(buffer, start, headEnd, utf8);
  const head = encoding === 'utf8' ? utf8 : buffer.toString('latin1', start, headEnd);
  const lf = head.indexOf('\n');
  const startLine = lf < 0 ? head : head.slice(0, lf > 0 && head.charCodeAt(lf - 1) === 0x0d ? lf - 1 : lf);
  const isResponse = startsWithSipSlash(startLine);
  const kind = isResponse ? 'response' : 'request';
  const space = startLine.indexOf(' ');
  const method = isResponse ? undefined : space < 0 ? startLine : startLine.slice(0, space);

  const fields: HeaderField[] = [];
  const badLine = lf < 0 ? undefined : splitFields(head, lf + 1, fields);
  // The well-formed fields still go with the error, so that a request can be answered 400 naming the bad line.
  if (badLine) throw badLine.withContext({ kind, method, headers: fields });

  try {
    const body = frameBody(buffer, bodyStart, fields);
    return isResponse
      ? parseStatusLine(startLine, fields, body, encoding)
      : parseRequestLine(startLine, fields, body, encoding);
  } catch (error) {
    throw withContext(error, { kind, method, headers: fields });
  }
}

/** "SIP/" in any case: a Status-Line (a Request-Line starts with a method token, which cannot hold '/'). */
function startsWithSipSlash(line: string): boolean {
  return (
    line.length > 4 &&
    (line.charCodeAt(0) | 0x20) === 0x73 &&
    (line.charCodeAt(1) | 0x20) === 0x69 &&
    (line.charCodeAt(2) | 0x20) === 0x70 &&
    line.charCodeAt(3) === 0x2f
  );
}

/** Header octets that are not UTF-8 are read as Latin-1, byte for byte, rather than replaced by U+FFFD. */
function headEncodingOf(buffer: Buffer, start: number, end: number, text: string): HeadEncoding {
  return text.indexOf('\uFFFD') >= 0 && !isUtf8(buffer.subarray(start, end)) ? 'latin1' : 'utf8';
}

function isBlank(code: number): boolean {
  return code === 0x20 || code === 0x09;
}

// Header names as usually written, mapped to their keys: skips lower-casing and validating the common ones.
const KNOWN_KEYS = new Map<string, string>();
for (const name of [
  'Via', 'v', 'From', 'f', 'To', 't', 'Call-ID', 'Call-Id', 'i', 'CSeq', 'Contact', 'm', 'Max-Forwards', 'Content-Length',
  'l', 'Content-Type', 'c', 'Route', 'Record-Route', 'Allow', 'Supported', 'k', 'Require', 'User-Agent', 'Server',
  'Expires', 'Accept', 'Authorization', 'Proxy-Authorization', 'WWW-Authenticate', 'Proxy-Authenticate', 'Session-Expires',
  'Min-SE', 'Date', 'Timestamp', 'Event', 'Subscription-State', 'Refer-To', 'Referred-By', 'P-Asserted-Identity',
]) {
  KNOWN_KEYS.set(name, headerKey(name));
}

/**
 * Appends the header fields of `head` from `from` on to `fields`; returns the error for the first malformed line
 * (the lines after it are still read, and a malformed line's continuations are skipped with it).
 */
function splitFields(head: string, from: number, fields: HeaderField[]): SipParseError | undefined {
  let error: SipParseError | undefined;
  let skipping = false;
  let pos = from;
  while (pos < head.length) {
    let next = head.indexOf('\n', pos);
    let end: number;
    if (next < 0) end = next = head.length;
    else {
      end = next > pos && head.charCodeAt(next - 1) === 0x0d ? next - 1 : next;
      next++;
    }
    if (isBlank(head.charCodeAt(pos))) {
      // RFC 3261 7.3.1: a line starting with whitespace continues the previous field; the fold is one SP.
      const previous = skipping ? undefined : fields.pop();
      if (previous) {
        const more = head.slice(pos, end).trim();
        const value = more.length === 0 ? previous.value : previous.value.length === 0 ? more : `${previous.value} ${more}`;
        fields.push({ name: previous.name, key: previous.key, value });
      } else if (!skipping) error ??= new SipParseError('Bad header line', 'continuation before any header');
    } else if (end > pos) {
      const field = readField(head, pos, end);
      skipping = field instanceof SipParseError;
      if (field instanceof SipParseError) error ??= field;
      else fields.push(field);
    }
    pos = next;
  }
  return error;
}

/** RFC 3261 7.3.1: field-name HCOLON field-value, HCOLON = *( SP / HTAB ) ":" SWS. */
function readField(head: string, start: number, end: number): HeaderField | SipParseError {
  const colon = head.indexOf(':', start);
  if (colon < 0 || colon >= end) return new SipParseError('Bad header line', head.slice(start, end));
  let nameEnd = colon;
  while (nameEnd > start && isBlank(head.charCodeAt(nameEnd - 1))) nameEnd--;
  const name = head.slice(start, nameEnd);
  let key = KNOWN_KEYS.get(name);
  if (key === undefined) {
    if (!isToken(name)) return new SipParseError('Bad header name', name);
    key = headerKey(name);
  }
  let valueStart = colon + 1;
  let valueEnd = end;
  while (valueStart < valueEnd && isBlank(head.charCodeAt(valueStart))) valueStart++;
  while (valueEnd > valueStart && isBlank(head.charCodeAt(valueEnd - 1))) valueEnd--;
  return { name, key, value: head.slice(valueStart, valueEnd) };
}

function frameBody(buffer: Buffer, bodyStart: number, fields: readonly HeaderField[]): Buffer {
  let length: number | undefined;
  for (const field of fields) {
    if (field.key !== 'content-length') continue;
    const value = parseContentLength(field.value);
    if (length !== undefined && value !== length) throw new SipParseError('Bad Content-Length', 'conflicting values');
    length = value;
  }
  const available = buffer.length - bodyStart;
  if (length === undefined) return buffer.subarray(bodyStart);
  if (length > available) {
    throw new SipParseError('Bad Content-Length', `${length} is larger than the ${available} octets received`);
  }
  return buffer.subarray(bodyStart, bodyStart + length);
}

/** RFC 3261 7.1: Request-Line = Method SP Request-URI SP SIP-Version CRLF (exactly one SP between elements). */
function parseRequestLine(line: string, fields: HeaderField[], body: Buffer, encoding: HeadEncoding): SipRequest {
  const sp1 = line.indexOf(' ');
  const sp2 = sp1 < 0 ? -1 : line.indexOf(' ', sp1 + 1);
  if (sp2 < 0 || line.indexOf(' ', sp2 + 1) >= 0 || line.includes('\t')) {
    throw new SipParseError('Bad Request-Line', line);
  }
  const method = line.slice(0, sp1);
  const uri = line.slice(sp1 + 1, sp2);
  const version = line.slice(sp2 + 1);
  if (!isToken(method)) throw new SipParseError('Bad Request-Line', `method ${JSON.stringify(method)}`);
  if (!SIP_VERSION.test(version)) throw new SipParseError('Bad SIP-Version', version);
  // RFC 4475 3.1.2.7: a Request-URI enclosed in <> is malformed.
  if (uri.length === 0 || uri.charCodeAt(0) === 0x3c || uri.indexOf(':') < 0) throw new SipParseError('Bad Request-URI', uri);
  return new SipRequest(method, uri, fields, body, version, encoding);
}

/** RFC 3261 7.2: Status-Line = SIP-Version SP Status-Code SP Reason-Phrase CRLF; Status-Code is 3DIGIT. */
function parseStatusLine(line: string, fields: HeaderField[], body: Buffer, encoding: HeadEncoding): SipResponse {
  const sp1 = line.indexOf(' ');
  const version = sp1 < 0 ? line : line.slice(0, sp1);
  if (!SIP_VERSION.test(version)) throw new SipParseError('Bad SIP-Version', version);
  const code = line.slice(sp1 + 1, sp1 + 4);
  if (!/^[1-6][0-9][0-9]$/.test(code) || (line.length > sp1 + 4 && line.charCodeAt(sp1 + 4) !== 0x20)) {
    throw new SipParseError('Bad Status-Code', line.slice(sp1 + 1));
  }
  return new SipResponse(Number(code), line.slice(sp1 + 5), fields, body, version, encoding);
}

function withContext(error: unknown, context: SipParseContext): unknown {
  return error instanceof SipParseError ? error.withContext(context) : error;
}

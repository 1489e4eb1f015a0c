import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  createParseErrorResponse,
  type NameAddr,
  parseMessage,
  type SipUri,
  SipParseError,
  SipRequest,
  SipResponse,
  validateRequest,
} from '../../../../engine/sip/message/index.js';

const dir = join(__dirname, '../../../fixtures/sip-torture');
const load = (file: string) => readFileSync(join(dir, file));
const request = (file: string) => parseMessage(load(file)) as SipRequest;

function contacts(message: SipRequest): readonly (NameAddr & { uri: SipUri })[] {
  const value = message.contact;
  if (value === '*') throw new Error('unexpected wildcard Contact');
  return value as readonly (NameAddr & { uri: SipUri })[];
}

/**
 * RFC 4475 at the message layer, per test/fixtures/sip-torture/INDEX.md: what parseMessage does, then what a UAS
 * (DEFAULT_UAS_CAPABILITIES: not a registrar, so REGISTER is 405) answers by validateRequest.
 *   null          parses and passes the stateless checks
 *   [status, re]  parses (or fails to parse) and is answered with that status, reason matching `re`
 *   'drop'        a response that must be discarded (parse error, or a malformed mandatory header)
 */
const expected: Record<string, null | 'drop' | readonly [number, RegExp]> = {
  'wsinv.dat': null,
  'intmeth.dat': [501, /Not Implemented/],
  'esc01.dat': null,
  'escnull.dat': [405, /Method Not Allowed/],
  'esc02.dat': [501, /Not Implemented/],
  'lwsdisp.dat': null,
  'longreq.dat': null,
  'dblreq.dat': [405, /Method Not Allowed/],
  'semiuri.dat': null,
  'transports.dat': null,
  'mpart01.dat': null,
  'unreason.dat': null,
  'noreason.dat': null,
  'badinv01.dat': [400, /Bad Via/],
  'clerr.dat': [400, /Bad Content-Length/],
  'ncl.dat': [400, /Bad Content-Length/],
  'scalar02.dat': [400, /Bad CSeq/],
  'scalarlg.dat': 'drop',
  'quotbal.dat': [400, /Bad To/],
  'ltgtruri.dat': [400, /Bad Request-URI/],
  'lwsruri.dat': [400, /Bad Request-Line/],
  'lwsstart.dat': [400, /Bad Request-Line/],
  'trws.dat': [400, /Bad Request-Line/],
  'escruri.dat': null,
  'baddate.dat': null,
  'regbadct.dat': [405, /Method Not Allowed/],
  'badaspec.dat': [400, /Bad To/],
  'baddn.dat': [400, /Bad From/],
  'badvers.dat': [505, /Version Not Supported/],
  'mismatch01.dat': [400, /CSeq Method Mismatch/],
  'mismatch02.dat': [501, /Not Implemented/],
  'bigcode.dat': 'drop',
  'badbranch.dat': null,
  'insuf.dat': [400, /Missing/],
  'unkscm.dat': [416, /Unsupported URI Scheme/],
  'novelsc.dat': [416, /Unsupported URI Scheme/],
  'unksm2.dat': [405, /Method Not Allowed/],
  'bext01.dat': [420, /Bad Extension/],
  'invut.dat': [415, /Unsupported Media Type/],
  'regaut01.dat': [405, /Method Not Allowed/],
  'multi01.dat': [400, /Duplicate/],
  'mcl01.dat': [400, /Bad Content-Length/],
  'bcast.dat': null,
  'zeromf.dat': null,
  'cparam01.dat': [405, /Method Not Allowed/],
  'cparam02.dat': [405, /Method Not Allowed/],
  'regescrt.dat': [405, /Method Not Allowed/],
  'sdp01.dat': [406, /Not Acceptable/],
  'inv2543.dat': null,
};

/** The outcome a UAS would act on: null to process, a status to answer, or 'drop'. */
function outcome(data: Buffer): { status: number; reason: string } | null | 'drop' {
  let message: SipRequest | SipResponse;
  try {
    message = parseMessage(data);
  } catch (error) {
    expect(error).toBeInstanceOf(SipParseError);
    const answer = createParseErrorResponse(error as SipParseError);
    return answer ? { status: answer.status, reason: answer.reason } : 'drop';
  }
  if (message instanceof SipResponse) {
    try {
      for (const read of [() => message.via, () => message.cseq, () => message.from, () => message.to, () => message.callId]) read();
      return null;
    } catch (error) {
      expect(error).toBeInstanceOf(SipParseError);
      return 'drop';
    }
  }
  return validateRequest(message);
}

describe('RFC 4475 torture messages at the message layer', () => {
  it('covers all 49 messages', () => {
    expect(Object.keys(expected)).toHaveLength(49);
  });

  for (const [file, want] of Object.entries(expected)) {
    it(`${file} -> ${want === null ? 'accepted' : want === 'drop' ? 'dropped' : want[0]}`, () => {
      const got = outcome(load(file));
      if (want === null || want === 'drop') expect(got).toBe(want);
      else {
        expect(got).not.toBeNull();
        expect(got).not.toBe('drop');
        const answer = got as { status: number; reason: string };
        expect(answer.status).toBe(want[0]);
        expect(answer.reason).toMatch(want[1]);
      }
    });
  }

  it('re-parses every message it accepts from its own serialization, fields and body unchanged', () => {
    for (const file of Object.keys(expected)) {
      let message: SipRequest | SipResponse;
      try {
        message = parseMessage(load(file));
      } catch {
        continue;
      }
      const again = parseMessage(message.toBuffer());
      expect(again.startLine(), file).toBe(message.startLine());
      expect(again.headerFields(), file).toEqual(message.headerFields());
      expect(again.body.equals(message.body), file).toBe(true);
    }
  });

  it('registers escnull.dat contacts without truncating at the escaped NUL', () => {
    const register = request('escnull.dat');
    expect(contacts(register).map((contact) => contact.uri.user)).toEqual(['\u0000', '\u0000\u0000']);
    expect(register.to.uri).toMatchObject({ user: 'null-\u0000-null' });
  });

  it('reads esc02.dat method literally and finds only the two real Contact values', () => {
    const request = parseMessage(load('esc02.dat')) as SipRequest;
    expect(request.method).toBe('RE%47IST%45R');
    expect(request.contact).toHaveLength(2);
    expect(request.from.displayName).toBe('%Z%45');
  });

  it('unescapes esc01.dat URIs once, never recursively', () => {
    const request = parseMessage(load('esc01.dat')) as SipRequest;
    expect(request.requestUri).toMatchObject({ user: 'sips:user@example.com' });
  });

  it('ignores the trailing octets of dblreq.dat', () => {
    const request = parseMessage(load('dblreq.dat')) as SipRequest;
    expect(request.method).toBe('REGISTER');
    expect(request.body.length).toBe(0);
  });

  it('frames the binary multipart body of mpart01.dat by Content-Length', () => {
    const data = load('mpart01.dat');
    const request = parseMessage(data) as SipRequest;
    expect(request.body.length).toBe(request.contentLength);
    expect(request.body.includes(0)).toBe(true);
    expect(request.contentType?.mediaType).toBe('multipart/mixed');
  });

  it('parses the user part of semiuri.dat with its semicolon', () => {
    const request = parseMessage(load('semiuri.dat')) as SipRequest;
    expect(request.requestUri).toMatchObject({ user: 'user;par=u@example.net', host: 'example.com' });
  });

  it('keeps cparam01.dat ;unknownparam as a contact parameter and cparam02.dat as a URI parameter', () => {
    const [one] = contacts(request('cparam01.dat'));
    expect(one!.params).toHaveProperty('unknownparam');
    expect(one!.uri.params).not.toHaveProperty('unknownparam');
    const [two] = contacts(request('cparam02.dat'));
    expect(two!.uri.params).toHaveProperty('unknownparam');
    expect(two!.params).not.toHaveProperty('unknownparam');
  });

  it('keeps regescrt.dat escaped Contact header unchanged', () => {
    const [contact] = contacts(request('regescrt.dat'));
    expect(contact!.uri.headers).toEqual({ Route: ['%3Csip:sip.example.com%3E'] });
  });

  it('never turns escruri.dat escaped Request-URI headers into real headers', () => {
    const invite = request('escruri.dat');
    expect(invite.requestUri).toMatchObject({ headers: { Route: ['%3Csip:example.com%3E'] } });
    expect(invite.hasHeader('route')).toBe(false);
    expect(invite.routes).toEqual([]);
  });

  it('reads every Via of longreq.dat and its long display name and Call-ID', () => {
    const invite = request('longreq.dat');
    expect(invite.via.length).toBeGreaterThan(30);
    expect(invite.to.displayName!.length).toBeGreaterThan(100);
    expect(invite.callId.length).toBeGreaterThan(100);
  });

  it('reads the extension method and the UTF-8 parameter of intmeth.dat', () => {
    const message = request('intmeth.dat');
    expect(message.method).toBe("!interesting-Method0123456789_*+`.%indeed'~");
    expect(message.cseq.method).toBe(message.method);
    expect(message.requestUri).toMatchObject({ scheme: 'sip' });
  });

  it('reads wsinv.dat folded, compact and oddly spaced headers', () => {
    const request = parseMessage(load('wsinv.dat')) as SipRequest;
    expect(request.maxForwards).toBe(68);
    expect(request.cseq).toEqual({ seq: 9, method: 'INVITE' });
    expect(request.to.tag).toBe('1918181833n');
    expect(request.from.displayName).toBe('J Rosenberg \\"');
    expect(request.from.tag).toBe('98asjd8');
    expect(request.via.map((via) => [via.transport, via.host, via.branch])).toEqual([
      ['UDP', '192.0.2.2', '390skdjuw'],
      ['TCP', 'spindle.example.com', 'z9hG4bK9ikj8'],
      ['UDP', '192.168.255.111', 'z9hG4bK30239'],
    ]);
    expect(request.contact).toMatchObject([{ displayName: 'Quoted string ""', params: { newparam: 'newvalue', q: '0.33' } }]);
    expect(request.header('subject')).toBe('');
    expect(request.body.length).toBe(request.contentLength);
  });

  it('reads the unusual reason phrases of unreason.dat and noreason.dat', () => {
    const unusual = parseMessage(load('unreason.dat')) as SipResponse;
    expect(unusual.status).toBe(200);
    expect(unusual.reason).toContain('простое');
    const empty = parseMessage(load('noreason.dat')) as SipResponse;
    expect(empty.status).toBe(100);
    expect(empty.reason).toBe('');
  });

  it('answers bext01.dat with an Unsupported header naming the Require tags only', () => {
    const rejection = validateRequest(parseMessage(load('bext01.dat')) as SipRequest);
    expect(rejection?.headers).toEqual([['Unsupported', 'nothingSupportsThis, nothingSupportsThisEither']]);
  });

  it('reads the RFC 2543 INVITE of inv2543.dat with the rest of the datagram as body', () => {
    const request = parseMessage(load('inv2543.dat')) as SipRequest;
    expect(request.contentLength).toBeUndefined();
    expect(request.bodyText).toMatch(/^v=0/);
    expect(request.topVia.branch).toBeUndefined();
    expect(request.from.tag).toBeUndefined();
  });
});

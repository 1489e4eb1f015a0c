import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { Grammar } from 'sip.js/lib/grammar/grammar.js';
import { describe, expect, it } from 'vitest';
import {
  parseCSeq,
  parseMessage,
  parseNameAddr,
  parseNameAddrList,
  parseUri,
  parseVia,
  parseViaList,
  SipParseError,
  type SipMessage,
} from '../../../../engine/sip/message/index.js';
import {
  ourNameAddr,
  ourUri,
  ourVia,
  theirNameAddr,
  theirUri,
  theirVia,
  type TheirNameAddr,
  type TheirUri,
  type TheirVia,
} from './grammar-normal-form.js';
import { generateNameAddr, generateUri, generateVia, random } from './generated-values.js';

/** sip.js's Grammar returns -1 (or throws) for input it does not accept. */
function grammar(value: string, rule: string): unknown {
  try {
    const parsed: unknown = Grammar.parse(value, rule);
    return parsed === -1 ? undefined : parsed;
  } catch {
    return undefined;
  }
}

function ours<T>(parse: () => T): T | undefined {
  try {
    return parse();
  } catch (error) {
    if (error instanceof SipParseError) return undefined;
    throw error;
  }
}

const COUNT = 400;

describe('differential against sip.js Grammar: generated values', () => {
  it('URIs: callscript accepts every generated URI and agrees with Grammar on each it accepts', () => {
    const rnd = random(7);
    let compared = 0;
    for (let i = 0; i < COUNT; i++) {
      const text = generateUri(rnd);
      const mine = ours(() => parseUri(text));
      expect(mine, text).toBeDefined();
      const theirs = grammar(text, 'SIP_URI') as TheirUri | undefined;
      if (!theirs) continue;
      expect(ourUri(mine!), text).toEqual(theirUri(theirs));
      compared++;
    }
    expect(compared).toBeGreaterThan(COUNT * 0.8);
  });

  it('name-addrs: quoted display names with escapes, header parameters, tags', () => {
    const rnd = random(11);
    let compared = 0;
    for (let i = 0; i < COUNT; i++) {
      const text = generateNameAddr(rnd);
      const mine = ours(() => parseNameAddr(text));
      expect(mine, text).toBeDefined();
      const theirs = grammar(text, 'Name_Addr_Header') as TheirNameAddr | undefined;
      if (!theirs) continue;
      expect(ourNameAddr(mine!), text).toEqual(theirNameAddr(theirs));
      compared++;
    }
    expect(compared).toBeGreaterThan(COUNT * 0.8);
  });

  it('Via values: transports, IPv6 sent-by, whitespace, well-known parameters', () => {
    const rnd = random(13);
    let compared = 0;
    for (let i = 0; i < COUNT; i++) {
      const text = generateVia(rnd);
      const mine = ours(() => parseVia(text));
      expect(mine, text).toBeDefined();
      const theirs = grammar(text, 'Via') as TheirVia | undefined;
      if (!theirs) continue;
      expect(ourVia(mine!), text).toEqual(theirVia(theirs));
      compared++;
    }
    expect(compared).toBeGreaterThan(COUNT * 0.8);
  });

  it('CSeq values: leading zeros, LWS, extension methods', () => {
    const rnd = random(17);
    for (let i = 0; i < 200; i++) {
      const text = `${rnd.pick(['0', '1', '0009', '314159', '4294967295', '2147483648'])}${rnd.pick([' ', '  ', '\t'])}${rnd.pick(['INVITE', 'ACK', 'FOO-BAR', 'x.y'])}`;
      const mine = ours(() => parseCSeq(text));
      expect(mine, text).toBeDefined();
      const theirs = grammar(text, 'CSeq') as { value: number; method: string } | undefined;
      if (theirs) expect(mine, text).toEqual({ seq: theirs.value, method: theirs.method });
    }
  });
});

/** Header name (long form, lower case) -> Grammar rule and how to compare. */
const RULES: Record<string, (value: string) => void> = {
  from: (value) => compareNameAddr(value, 'From'),
  to: (value) => compareNameAddr(value, 'To'),
  contact: (value) => {
    if (value.trim() === '*') return;
    const mine = ours(() => parseNameAddrList(value));
    const theirs = grammar(value, 'Contact') as { parsed: TheirNameAddr }[] | undefined;
    if (mine && theirs) expect(mine.map(ourNameAddr), value).toEqual(theirs.map((entry) => theirNameAddr(entry.parsed)));
  },
  'record-route': (value) => {
    const mine = ours(() => parseNameAddrList(value));
    const theirs = grammar(value, 'Record_Route') as { parsed: TheirNameAddr }[] | undefined;
    if (mine && theirs) expect(mine.map(ourNameAddr), value).toEqual(theirs.map((entry) => theirNameAddr(entry.parsed)));
  },
  via: (value) => {
    // Grammar's Via rule keeps only the last via-parm of a list.
    const mine = ours(() => parseViaList(value));
    const theirs = grammar(value, 'Via') as TheirVia | undefined;
    if (mine && theirs) expect(ourVia(mine.at(-1)!), value).toEqual(theirVia(theirs));
  },
  cseq: (value) => {
    const mine = ours(() => parseCSeq(value));
    const theirs = grammar(value, 'CSeq') as { value: number; method: string } | undefined;
    if (mine && theirs) expect(mine, value).toEqual({ seq: theirs.value, method: theirs.method });
  },
};

function compareNameAddr(value: string, rule: string): void {
  const mine = ours(() => parseNameAddr(value));
  const theirs = grammar(value, rule) as TheirNameAddr | undefined;
  if (mine && theirs) expect(ourNameAddr(mine), value).toEqual(theirNameAddr(theirs));
}

describe('differential against sip.js Grammar: RFC 4475 torture messages', () => {
  const dir = join(__dirname, '../../../fixtures/sip-torture');
  for (const file of readdirSync(dir).filter((name) => name.endsWith('.dat'))) {
    it(`${file}: every header value both accept parses the same`, () => {
      let message: SipMessage;
      try {
        message = parseMessage(readFileSync(join(dir, file)));
      } catch (error) {
        expect(error).toBeInstanceOf(SipParseError);
        return;
      }
      for (const field of message.headerFields()) RULES[field.key]?.(field.value);
      if ('uri' in message && typeof message.uri === 'string') {
        const mine = ours(() => parseUri(message.uri as string));
        const theirs = grammar(message.uri as string, 'SIP_URI') as TheirUri | undefined;
        if (mine && theirs) expect(ourUri(mine), message.uri as string).toEqual(theirUri(theirs));
      }
    });
  }
});

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

/** A deterministic generator, so every run checks the same values. */
function random(seed: number) {
  let state = seed;
  const next = () => {
    state = (state * 1103515245 + 12345) & 0x7fffffff;
    return state / 0x7fffffff;
  };
  return {
    pick: <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)]!,
    chance: (p: number) => next() < p,
  };
}

const USERS = ['alice', '%61lice', '+15551234567', 'user;par=u%40example.net', "a.b-c_d!~*'()", 'x&y=z+w$,', 'bob%20smith', '1234'];
const PASSWORDS = ['secret', 'p%40ss', 'a&b=c'];
const HOSTS = ['example.com', 'Atlanta.Example.COM', '192.0.2.10', '[2001:db8::1]', '[::1]', 'a-b.example.', 'x1', 'host123.co'];
const PORTS = [undefined, 5060, 5061, 1, 65535];
const URI_PARAMS = ['transport=tcp', 'transport=UDP', 'lr', 'maddr=239.255.255.1', 'method=INVITE', 'user=phone', 'x=%41b', 'ob', 'foo=bar-baz', 'Unknown=Value'];
const URI_HEADERS = ['subject=project%20x', 'priority=urgent', 'Route=%3Csip:example.com%3E', 'a=b'];

function generateUri(rnd: ReturnType<typeof random>): string {
  let uri = rnd.chance(0.15) ? 'sips:' : 'sip:';
  if (rnd.chance(0.85)) uri += rnd.pick(USERS) + (rnd.chance(0.1) ? `:${rnd.pick(PASSWORDS)}` : '') + '@';
  uri += rnd.pick(HOSTS);
  const port = rnd.pick(PORTS);
  if (port !== undefined) uri += `:${port}`;
  const params = new Map<string, string>();
  while (rnd.chance(0.5)) {
    const param = rnd.pick(URI_PARAMS);
    params.set(param.split('=')[0]!.toLowerCase(), param);
  }
  for (const param of params.values()) uri += `;${param}`;
  if (rnd.chance(0.2)) uri += `?${rnd.pick(URI_HEADERS)}${rnd.chance(0.3) ? '&priority=low' : ''}`;
  return uri;
}

const DISPLAY_NAMES = ['', 'Bob', 'Bob Smith', '"Alice"', '"Doe, John"', '"A \\"quoted\\" name"', '"back\\\\slash"', '""', '"Ünïcode"', '"tab\tinside"'];
const HEADER_PARAMS = ['tag=1928301774', 'tag=a6c85cf', 'expires=3600', 'q=0.7', 'x="quoted value"', 'Flag', 'foo=bar', 'received=192.0.2.4'];

function generateNameAddr(rnd: ReturnType<typeof random>): string {
  const name = rnd.pick(DISPLAY_NAMES);
  const uri = generateUri(rnd);
  const params = new Map<string, string>();
  while (rnd.chance(0.5)) {
    const param = rnd.pick(HEADER_PARAMS);
    params.set(param.split('=')[0]!.toLowerCase(), param);
  }
  const tail = [...params.values()].map((param) => (rnd.chance(0.2) ? ` ; ${param}` : `;${param}`)).join('');
  return `${name}${name && rnd.chance(0.8) ? ' ' : ''}<${uri}>${tail}`;
}

const TRANSPORTS = ['UDP', 'TCP', 'TLS', 'SCTP', 'ws', 'tls'];
const VIA_HOSTS = ['pc33.atlanta.com', '192.0.2.1', '[2001:db8::9:1]', '[::1]', 'Proxy.Example.ORG'];
const VIA_PARAMS = ['branch=z9hG4bK776asdhds', 'branch=z9hG4bKnashds8', 'received=192.0.2.101', 'rport', 'rport=5066', 'ttl=16', 'maddr=224.2.0.1', 'x=y', 'alias', 'keep'];

function generateVia(rnd: ReturnType<typeof random>): string {
  const spaced = rnd.chance(0.2);
  let via = spaced ? `SIP / 2.0 / ${rnd.pick(TRANSPORTS)} ` : `SIP/2.0/${rnd.pick(TRANSPORTS)} `;
  via += rnd.pick(VIA_HOSTS);
  const port = rnd.pick(PORTS);
  if (port !== undefined) via += `:${port}`;
  // Keyed by parameter name: a name appears once (RFC 3261 leaves repeated parameters undefined).
  const params = new Map<string, string>([['branch', 'branch=z9hG4bK' + rnd.pick(['1', 'abc', '776asdhds'])]]);
  while (rnd.chance(0.5)) {
    const param = rnd.pick(VIA_PARAMS);
    params.set(param.split('=')[0]!, param);
  }
  for (const param of params.values()) via += spaced ? ` ; ${param}` : `;${param}`;
  return via;
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

/** Header values generated from RFC 3261 grammar pieces, for the differential and round-trip tests. */

/** A deterministic generator, so every run checks the same values. */
export interface Random {
  pick<T>(items: readonly T[]): T;
  chance(p: number): boolean;
}

export function random(seed: number): Random {
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

export function generateUri(rnd: Random): string {
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

export function generateNameAddr(rnd: Random): string {
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

export function generateVia(rnd: Random): string {
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

import { unescapePercent } from './sip-lexical.js';
import { isSipUri, type SipUri, type Uri } from './sip-uri.js';

// RFC 3261 19.1.4: "user, ttl, method and maddr parameters ... appearing in only one URI never match"; transport is
// listed with them ("A URI omitting any component with a default value will not match a URI explicitly containing
// that component with its default value").
const MUST_MATCH_PARAMS = ['user', 'ttl', 'method', 'maddr', 'transport'];

const lower = (value: string | null | undefined) => (value === null || value === undefined ? value : unescapePercent(value).toLowerCase());

/**
 * RFC 3261 19.1.4 URI comparison. SIP/SIPS URIs: userinfo compared case-sensitively and unescaped; host, parameters
 * and headers case-insensitively; a port, or a user/ttl/method/maddr/transport parameter, present in only one URI
 * makes them differ; other parameters count only when present in both; headers must all be present in both.
 * Other schemes are compared as scheme plus the unescaped text, case-insensitively (RFC 3986 6.2.2 simple form).
 */
export function uriEquals(a: Uri, b: Uri): boolean {
  if (a.scheme !== b.scheme) return false;
  if (!isSipUri(a) || !isSipUri(b)) {
    return !isSipUri(a) && !isSipUri(b) && unescapePercent(a.opaque).toLowerCase() === unescapePercent(b.opaque).toLowerCase();
  }
  return sipUriEquals(a, b);
}

function sipUriEquals(a: SipUri, b: SipUri): boolean {
  if (a.user !== b.user || a.password !== b.password) return false;
  if (a.host.toLowerCase() !== b.host.toLowerCase() || a.port !== b.port) return false;
  for (const name of MUST_MATCH_PARAMS) {
    if (lower(a.params[name]) !== lower(b.params[name])) return false;
  }
  for (const name in a.params) {
    if (name in b.params && lower(a.params[name]) !== lower(b.params[name])) return false;
  }
  return sameHeaders(a.headers, b.headers);
}

function sameHeaders(a: SipUri['headers'], b: SipUri['headers']): boolean {
  const normalize = (headers: SipUri['headers']) =>
    Object.entries(headers)
      .map(([name, values]) => `${name.toLowerCase()}=${values.map((value) => unescapePercent(value).toLowerCase()).join('&')}`)
      .sort()
      .join('\n');
  return normalize(a) === normalize(b);
}

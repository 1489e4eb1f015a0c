/**
 * One shape for a header value as parsed by callscript and by sip.js's Grammar, for the differential tests.
 * It keeps what both parsers claim to interpret and smooths over documented representation differences:
 * sip.js lower-cases some parameter values (transport, user, method) and hosts, keeps a quoted display name's
 * backslash escapes, folds the password into `user`, title-cases URI header names, drops a URI's `ttl` parameter,
 * reports an rport value as a string, and reports a URI's or a Via's maddr as its host (so hosts are compared only
 * where there is no maddr).
 */
import { isSipUri, type NameAddr, type SipUri, type Uri, type Via } from '../../../../engine/sip/message/index.js';

export interface NormalUri {
  scheme: string;
  user?: string;
  host?: string;
  port?: number;
  params: Record<string, string | null>;
  headers: Record<string, string[]>;
}

const lowerValues = (params: Record<string, unknown>, skip: readonly string[] = []) => {
  const out: Record<string, string | null> = {};
  for (const [name, value] of Object.entries(params)) {
    if (skip.includes(name.toLowerCase())) continue;
    out[name.toLowerCase()] = value === null || value === undefined ? null : String(value).toLowerCase();
  }
  return out;
};

export function ourUri(uri: Uri): NormalUri {
  if (!isSipUri(uri)) throw new Error('not a SIP URI');
  const sip = uri as SipUri;
  const headers: Record<string, string[]> = {};
  for (const [name, values] of Object.entries(sip.headers)) (headers[name.toLowerCase()] ??= []).push(...values);
  return {
    scheme: sip.scheme,
    user: sip.user === undefined ? undefined : sip.password === undefined ? sip.user : `${sip.user}:${sip.password}`,
    host: sip.params.maddr === undefined ? sip.host.toLowerCase() : undefined,
    port: sip.port,
    params: lowerValues(sip.params, ['ttl']),
    headers,
  };
}

// sip.js's URI type, as far as these tests read it.
export interface TheirUri {
  scheme: string;
  user?: string;
  host: string;
  port?: number;
  parameters: Record<string, string | null>;
  headers: Record<string, string[]>;
}

export function theirUri(uri: TheirUri): NormalUri {
  const headers: Record<string, string[]> = {};
  for (const [name, values] of Object.entries(uri.headers)) (headers[name.toLowerCase()] ??= []).push(...values);
  return {
    scheme: uri.scheme.toLowerCase(),
    user: uri.user,
    host: uri.parameters.maddr === undefined ? uri.host.toLowerCase() : undefined,
    port: uri.port,
    params: lowerValues(uri.parameters, ['ttl']),
    headers,
  };
}

export interface NormalNameAddr {
  displayName?: string;
  uri: NormalUri;
  params: Record<string, string | null>;
}

export function ourNameAddr(value: NameAddr): NormalNameAddr {
  return { displayName: value.displayName || undefined, uri: ourUri(value.uri), params: lowerValues(value.params) };
}

export interface TheirNameAddr {
  uri: TheirUri;
  displayName: string;
  parameters: Record<string, string | null>;
}

export function theirNameAddr(value: TheirNameAddr): NormalNameAddr {
  const raw = value.displayName;
  const displayName = raw ? raw.replace(/\\(.)/g, '$1') : undefined;
  return { displayName, uri: theirUri(value.uri), params: lowerValues(value.parameters) };
}

export interface NormalVia {
  protocol: string;
  transport: string;
  host?: string;
  port?: number;
  branch?: string;
  received?: string;
  rport?: number;
  ttl?: number;
  maddr?: string;
}

export function ourVia(via: Via): NormalVia {
  return {
    protocol: via.protocolName.toUpperCase(),
    transport: via.transport.toUpperCase(),
    host: via.maddr === undefined ? via.host.toLowerCase() : undefined,
    port: via.port,
    branch: via.branch,
    received: via.received,
    rport: typeof via.rport === 'number' ? via.rport : undefined,
    ttl: via.ttl,
    maddr: via.maddr,
  };
}

export interface TheirVia {
  protocol: string;
  transport: string;
  host: string;
  port?: number;
  branch?: string;
  received?: string;
  rport?: string;
  ttl?: number;
  maddr?: string;
}

export function theirVia(via: TheirVia): NormalVia {
  return {
    protocol: via.protocol.toUpperCase(),
    transport: via.transport.toUpperCase(),
    host: via.maddr === undefined ? via.host.toLowerCase() : undefined,
    port: via.port,
    branch: via.branch,
    received: via.received,
    rport: via.rport === undefined ? undefined : Number(via.rport),
    ttl: via.ttl,
    maddr: via.maddr,
  };
}

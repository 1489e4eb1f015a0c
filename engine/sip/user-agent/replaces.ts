import type { ReplacesTarget } from './session-types.js';

/**
 * RFC 3891 section 6.1:  Replaces = callid *(SEMI replaces-param); replaces-param = to-tag / from-tag /
 * early-flag / generic-param. Returns undefined when the value lacks the Call-ID or either tag.
 */
export function parseReplaces(value: string): ReplacesTarget | undefined {
  const [callId, ...params] = value.split(';').map((part) => part.trim());
  if (!callId) return undefined;
  let toTag: string | undefined;
  let fromTag: string | undefined;
  let earlyOnly = false;
  for (const param of params) {
    const [name, raw] = param.split('=');
    const key = name?.trim().toLowerCase();
    if (key === 'to-tag') toTag = raw?.trim();
    else if (key === 'from-tag') fromTag = raw?.trim();
    else if (key === 'early-only') earlyOnly = true;
  }
  if (toTag === undefined || fromTag === undefined) return undefined;
  return { callId, toTag, fromTag, earlyOnly };
}

export function formatReplaces(target: ReplacesTarget): string {
  return `${target.callId};to-tag=${target.toTag};from-tag=${target.fromTag}${target.earlyOnly ? ';early-only' : ''}`;
}

/**
 * The Replaces header embedded in a Refer-To URI (RFC 3891 section 7 / RFC 3515 section 2.1): `?Replaces=` with the
 * value percent-encoded.
 */
export function replacesFromReferTo(referTo: string): ReplacesTarget | undefined {
  const match = /[?&]Replaces=([^&>]*)/i.exec(referTo);
  if (!match) return undefined;
  try {
    return parseReplaces(decodeURIComponent(match[1]!));
  } catch {
    return undefined;
  }
}

/** A Refer-To value naming `uri` with an escaped Replaces header for attended transfer. */
export function referToWithReplaces(uri: string, target: ReplacesTarget): string {
  return `<${uri}?Replaces=${encodeURIComponent(formatReplaces(target))}>`;
}

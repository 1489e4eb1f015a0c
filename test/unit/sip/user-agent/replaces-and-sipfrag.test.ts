import { describe, expect, it } from 'vitest';
import { formatReplaces, parseReplaces, referToWithReplaces, replacesFromReferTo } from '../../../../engine/sip/user-agent/replaces.js';
import { parseSipfragStatus, sipfragBody } from '../../../../engine/sip/user-agent/sipfrag.js';

describe('Replaces (RFC 3891)', () => {
  it('parses the header and round-trips it', () => {
    const value = '425928@bobster.example.org;to-tag=7743;from-tag=6472;early-only';
    expect(parseReplaces(value)).toEqual({ callId: '425928@bobster.example.org', toTag: '7743', fromTag: '6472', earlyOnly: true });
    expect(formatReplaces(parseReplaces(value)!)).toBe(value);
  });

  it('refuses a value without both tags', () => {
    expect(parseReplaces('425928@bobster.example.org;to-tag=7743')).toBeUndefined();
  });

  it('embeds it escaped in a Refer-To URI and reads it back', () => {
    const target = { callId: 'a@b', toTag: '1', fromTag: '2', earlyOnly: false };
    const referTo = referToWithReplaces('sip:carol@example.com', target);
    expect(referTo).toBe('<sip:carol@example.com?Replaces=a%40b%3Bto-tag%3D1%3Bfrom-tag%3D2>');
    expect(replacesFromReferTo(referTo)).toEqual(target);
  });
});

describe('message/sipfrag (RFC 3420, RFC 3515 2.4.5)', () => {
  it('writes and reads a status line', () => {
    expect(sipfragBody(180, 'Ringing')).toBe('SIP/2.0 180 Ringing\r\n');
    expect(parseSipfragStatus('SIP/2.0 503 Service Unavailable\r\n')).toEqual({ status: 503, reason: 'Service Unavailable' });
    expect(parseSipfragStatus('INVITE sip:x SIP/2.0\r\n')).toBeUndefined();
  });
});

/**
 * RFC 3420 `message/sipfrag` bodies as RFC 3515 section 2.4.5 uses them: "the body of a NOTIFY MUST begin with a
 * SIP Response Status-Line".
 */
export function sipfragBody(status: number, reason: string): string {
  return `SIP/2.0 ${status} ${reason}\r\n`;
}

/** The status line of a sipfrag body, or undefined when it does not start with one. */
export function parseSipfragStatus(body: string): { status: number; reason: string } | undefined {
  const match = /^SIP\/2\.0 ([1-6]\d\d) ?([^\r\n]*)/.exec(body);
  return match ? { status: Number(match[1]), reason: match[2] ?? '' } : undefined;
}

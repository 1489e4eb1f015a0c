/**
 * RFC 3261 section 12: "A dialog is identified at each UA with a dialog ID, which consists of a Call-ID value, a
 * local tag and a remote tag."
 */
export function dialogKey(callId: string, localTag: string, remoteTag: string): string {
  return `${callId}\n${localTag}\n${remoteTag}`;
}

let tagCounter = 0;

/** Section 19.3: tags "MUST be globally unique and cryptographically random with at least 32 bits of randomness". */
export function newTag(): string {
  tagCounter = (tagCounter + 1) % 0xffffff;
  return `${Math.floor(Math.random() * 0xffffffff).toString(36)}${tagCounter.toString(36)}`;
}

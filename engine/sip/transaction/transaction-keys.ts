/**
 * Transaction matching keys.
 *
 * RFC 3261 section 17.1.3 (client): a response matches a client transaction when "the response has the same value
 * of the branch parameter in the top Via header field as the branch parameter in the top Via header field of the
 * request that created the transaction" and "the method parameter in the CSeq header field matches the method of
 * the request that created the transaction" (CANCEL shares the INVITE's branch, so the method is part of the key).
 *
 * Section 17.2.3 (server): the branch, the sent-by value of the top Via, and the method "except for ACK, where the
 * method of the request that created the transaction is INVITE".
 */
export const MAGIC_COOKIE = 'z9hG4bK';

export function clientTransactionKey(branch: string, cseqMethod: string): string {
  return `${branch}|${cseqMethod}`;
}

export function serverTransactionKey(branch: string, sentBy: string, method: string): string {
  return `${branch}|${sentBy.toLowerCase()}|${method === 'ACK' ? 'INVITE' : method}`;
}

/**
 * RFC 2543 peers send no magic cookie; section 17.2.3 then matches on Request-URI, To tag, From tag, Call-ID,
 * CSeq number and top Via. The To tag is left out because an ACK for a non-2xx carries the tag our response added.
 */
export function legacyServerTransactionKey(parts: {
  requestUri: string;
  fromTag: string;
  callId: string;
  cseq: number;
  topVia: string;
  method: string;
}): string {
  const method = parts.method === 'ACK' ? 'INVITE' : parts.method;
  return `2543|${parts.requestUri}|${parts.fromTag}|${parts.callId}|${parts.cseq}|${parts.topVia}|${method}`;
}

let branchCounter = 0;
const branchPrefix = `${MAGIC_COOKIE}${Math.random().toString(36).slice(2, 8)}`;

/** "The branch ID inserted by an element compliant with this specification MUST always begin with ... z9hG4bK". */
export function newBranch(): string {
  branchCounter = (branchCounter + 1) % 0x7fffffff;
  return `${branchPrefix}${Date.now().toString(36)}${branchCounter.toString(36)}`;
}

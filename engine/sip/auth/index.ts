/** Digest authentication for SIP (RFC 3261 22, RFC 2617, RFC 7616 with RFC 8760's SHA-256 for SIP). */
export {
  digestHash,
  digestHa1,
  digestHa2,
  digestResponse,
  parseDigestAlgorithm,
  type DigestAlgorithm,
  type DigestInput,
  type DigestQop,
} from './digest-algorithm.js';
export { parseDigestChallenge, DigestChallengeError, type DigestChallenge } from './digest-challenge.js';
export { formatDigestCredentials, formatNonceCount, type DigestCredentialsFields } from './digest-credentials.js';
export {
  DigestClient,
  type DigestCredentials,
  type AuthorizationTarget,
  type AuthorizationHeader,
} from './digest-client.js';
export { DigestServer, type DigestServerOptions, type DigestVerification, type VerifyTarget } from './digest-server.js';

/**
 * The SIP message layer (RFC 3261 7, 18.3, 20, 25): parse, inspect, build and serialize requests and responses,
 * frame them on stream transports, and apply the stateless UAS checks of RFC 3261 8.2.
 */
export { parseMessage, DEFAULT_MAX_MESSAGE_SIZE, type ParseOptions } from './parse-message.js';
export { SipStreamFramer, type StreamFramerOptions, type FramedChunk } from './stream-framer.js';
export { SipParseError, type SipParseContext } from './sip-parse-error.js';
export { SipMessage, type HeadEncoding } from './message.js';
export { SipRequest } from './request.js';
export { SipResponse } from './response.js';
export type { HeaderField } from './header-field.js';
export { headerKey, canonicalHeaderName, isListHeader } from './header-names.js';
export { parseUri, formatUri, isSipUri, sipUri, type Uri, type SipUri, type OtherUri } from './sip-uri.js';
export { uriEquals } from './uri-equivalence.js';
export { parseNameAddr, parseNameAddrList, formatNameAddr, type NameAddr, type NameAddrInit } from './name-addr.js';
export { parseVia, parseViaList, formatVia, createVia, type Via, type ViaInit } from './via.js';
export { parseParams, formatParams, unquoteParam, emptyParams, type SipParams } from './header-params.js';
export {
  parseCSeq,
  parseMaxForwards,
  parseContentLength,
  parseDeltaSeconds,
  parseCallId,
  parseMediaType,
  type CSeq,
  type MediaType,
} from './scalar-headers.js';
export { parseAuthHeader, type AuthHeaderValue } from './auth-params.js';
export { quote, splitList, unescapePercent, isToken } from './sip-lexical.js';
export { createResponse, createParseErrorResponse, type ResponseOptions } from './create-response.js';
export { createRequest, createCancel, createNon2xxAck, type RequestInit } from './create-request.js';
export { reasonPhrase } from './reason-phrases.js';
export {
  validateRequest,
  DEFAULT_UAS_CAPABILITIES,
  type RequestRejection,
  type UasCapabilities,
} from './validate-request.js';

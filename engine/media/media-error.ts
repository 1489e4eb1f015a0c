/** Stable codes for everything the media layer refuses or fails at. */
export type MediaErrorCode =
  | 'rtp-malformed'
  | 'rtcp-malformed'
  | 'port-range-exhausted'
  | 'sdp-malformed'
  | 'endpoint-closed'
  | 'invalid-argument';

export class MediaError extends Error {
  override readonly name = 'MediaError';
  constructor(
    readonly code: MediaErrorCode,
    message: string,
  ) {
    super(message);
  }
}

import type { MediaDirection } from './sdp-types.js';

export function sends(direction: MediaDirection): boolean {
  return direction === 'sendrecv' || direction === 'sendonly';
}

export function receives(direction: MediaDirection): boolean {
  return direction === 'sendrecv' || direction === 'recvonly';
}

function fromFlags(send: boolean, receive: boolean): MediaDirection {
  if (send && receive) return 'sendrecv';
  if (send) return 'sendonly';
  if (receive) return 'recvonly';
  return 'inactive';
}

/**
 * RFC 3264 section 6.1: "If a stream is offered as sendonly, the corresponding stream MUST be marked as recvonly or
 * inactive in the answer. If a media stream is listed as recvonly in the offer, the answer MUST be marked as sendonly
 * or inactive ... If an offered media stream is listed as sendrecv (or if there is no direction attribute ...), the
 * corresponding stream in the answer MAY be marked as sendonly, recvonly, sendrecv, or inactive."
 * So the answer is what we want, restricted to the mirror of what was offered.
 */
export function answerDirection(offered: MediaDirection, wanted: MediaDirection): MediaDirection {
  return fromFlags(sends(wanted) && receives(offered), receives(wanted) && sends(offered));
}

/** Our resulting direction once the peer answered `answered` to our offered direction. */
export function directionAfterAnswer(offered: MediaDirection, answered: MediaDirection): MediaDirection {
  return fromFlags(sends(offered) && receives(answered), receives(offered) && sends(answered));
}

/** The small constant namespaces that published VoxEngine scenarios use. */

import { frozenNamespace } from '../frozen-namespace.js';

/** DTMF detection modes for `call.handleTones`; the same codes are the `type` of `CallEvents.ToneReceived`. */
export const DTMFType = frozenNamespace({
  __proto__: null,
  ALL: 0,
  TELEPHONE_EVENT: 1,
  IN_BAND: 2,
  SIP_INFO: 3,
});

export const RecordExpireTime = frozenNamespace({
  __proto__: null,
  THREEMONTHS: '',
  SIXMONTHS: '-6m',
  ONEYEAR: '-1y',
  TWOYEARS: '-2y',
  THREEYEARS: '-3y',
  FIVEYEARS: '-5y',
});

/** Countries whose progress tones `call.playProgressTone` knows. */
export const ProgressToneCountry = frozenNamespace({
  __proto__: null,
  US: 'US',
  RU: 'RU',
  GB: 'GB',
  DE: 'DE',
  FR: 'FR',
  JP: 'JP',
});

/** The values `call.state()` returns. */
export const CallState = frozenNamespace({
  __proto__: null,
  ALERTING: 'ALERTING',
  PROGRESSING: 'PROGRESSING',
  CONNECTED: 'CONNECTED',
  TERMINATED: 'TERMINATED',
});

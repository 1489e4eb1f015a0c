/** The small constant namespaces that published VoxEngine scenarios use. */

/** DTMF detection modes for `call.handleTones`; the same codes are the `type` of `CallEvents.ToneReceived`. */
export const DTMFType = Object.freeze({
  ALL: 0,
  TELEPHONE_EVENT: 1,
  IN_BAND: 2,
  SIP_INFO: 3,
});

export const RecordExpireTime = Object.freeze({
  THREEMONTHS: '',
  SIXMONTHS: '-6m',
  ONEYEAR: '-1y',
  TWOYEARS: '-2y',
  THREEYEARS: '-3y',
  FIVEYEARS: '-5y',
});

/** Countries whose progress tones `call.playProgressTone` knows. */
export const ProgressToneCountry = Object.freeze({
  US: 'US',
  RU: 'RU',
  GB: 'GB',
  DE: 'DE',
  FR: 'FR',
  JP: 'JP',
});

/** The values `call.state()` returns. */
export const CallState = Object.freeze({
  ALERTING: 'ALERTING',
  PROGRESSING: 'PROGRESSING',
  CONNECTED: 'CONNECTED',
  TERMINATED: 'TERMINATED',
});

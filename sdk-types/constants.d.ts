/** DTMF detection modes for `call.handleTones`; the same codes are `CallEvents.ToneReceived`'s `type`. */
declare enum DTMFType {
  /** In-band, RFC 4733 (RFC 2833) and SIP INFO. */
  ALL = 0,
  TELEPHONE_EVENT = 1,
  IN_BAND = 2,
  SIP_INFO = 3,
}

/** How long a recording is kept (`expire` of `call.record` and `VoxEngine.createRecorder`). */
declare enum RecordExpireTime {
  THREEMONTHS = '',
  SIXMONTHS = '-6m',
  ONEYEAR = '-1y',
  TWOYEARS = '-2y',
  THREEYEARS = '-3y',
  FIVEYEARS = '-5y',
}

/** Countries for `call.playProgressTone`. */
declare enum ProgressToneCountry {
  US = 'US',
  RU = 'RU',
  GB = 'GB',
  DE = 'DE',
  FR = 'FR',
  JP = 'JP',
}

/** The values of `call.state()`. */
declare enum CallState {
  ALERTING = 'ALERTING',
  PROGRESSING = 'PROGRESSING',
  CONNECTED = 'CONNECTED',
  TERMINATED = 'TERMINATED',
}

/** Module names for `require`; callscript provides `Player` and `Recorder`, the others are refused with an error. */
declare enum Modules {
  ACD = 'acd',
  AI = 'ai',
  ApplicationStorage = 'applicationstorage',
  ASR = 'asr',
  Avatar = 'avatar',
  Conference = 'conference',
  IVR = 'ivr',
  OpenAI = 'openai',
  Player = 'player',
  PushService = 'pushservice',
  Recorder = 'recorder',
  SmartQueue = 'smartqueue',
  StreamingAgent = 'streamingagent',
  VoximplantAPI = 'voximplantapi',
}

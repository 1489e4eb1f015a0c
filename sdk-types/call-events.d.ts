/** Events of one call, subscribed with `call.addEventListener`. */
declare enum CallEvents {
  AudioStarted = 'Call.AudioStarted',
  AudioIdentificationStarted = 'Call.AudioIdentificationStarted',
  AudioIdentificationResult = 'Call.AudioIdentificationResult',
  AudioIdentificationStopped = 'Call.AudioIdentificationStopped',
  AudioIdentificationError = 'Call.AudioIdentificationError',
  AudioQualityDetected = 'Call.AudioQualityDetected',
  BeepDetectionComplete = 'Call.BeepDetectionComplete',
  BeepDetectionError = 'Call.BeepDetectionError',
  BlindTransferRequested = 'Call.BlindTransferRequested',
  /** An incoming call was answered, or an outgoing call was answered by the far end. */
  Connected = 'Call.Connected',
  /** A connected call ended (or an incoming call was rejected); `internalCode` holds the status code. */
  Disconnected = 'Call.Disconnected',
  /** An outgoing call ended before it connected; `code` holds the SIP status (486, 603, 404, 408, ...). */
  Failed = 'Call.Failed',
  FirstAudioPacketReceived = 'Call.FirstAudioPacketReceived',
  FirstVideoPacketReceived = 'Call.FirstVideoPacketReceived',
  Forwarding = 'Call.Forwarding',
  InfoReceived = 'Call.InfoReceived',
  MediaStatisticsReceived = 'Call.MediaStatisticsReceived',
  MessageReceived = 'Call.MessageReceived',
  MicStatusChange = 'Call.MicStatusChange',
  OffHold = 'Call.OffHold',
  OnHold = 'Call.OnHold',
  /** A `say` or `startPlayback` ended; `error` is set when it failed (e.g. text over 1500 characters). */
  PlaybackFinished = 'Call.PlaybackFinished',
  PlaybackReady = 'Call.PlaybackReady',
  PlaybackStarted = 'Call.PlaybackStarted',
  PushSent = 'Call.PushSent',
  ReInviteAccepted = 'Call.ReInviteAccepted',
  ReInviteReceived = 'Call.ReInviteReceived',
  ReInviteRejected = 'Call.ReInviteRejected',
  RecordError = 'Call.RecordError',
  RecordStarted = 'Call.RecordStarted',
  RecordStopped = 'Call.RecordStopped',
  /** The far end of an outgoing call is ringing (180/183). */
  Ringing = 'Call.Ringing',
  RtpResumed = 'Call.RtpResumed',
  /** No media from a connected leg for 7 seconds. */
  RtpStopped = 'Call.RtpStopped',
  StateChanged = 'Call.StateChanged',
  Statistics = 'Call.Statistics',
  ToneDetected = 'Call.ToneDetected',
  /** A DTMF digit, once `call.handleTones(true)` is on. */
  ToneReceived = 'Call.ToneReceived',
  TransferComplete = 'Call.TransferComplete',
  TransferFailed = 'Call.TransferFailed',
  VideoTrackCreated = 'Call.Video.TrackCreated',
}

/** Fields every call event carries. */
interface CallEvent {
  /** The call the event is about. */
  call: Call;
  /** The event's name, one of the `CallEvents` values. */
  name: string;
  /** The call's id. */
  id: string;
}

/** Events that carry the X- headers of the SIP message behind them. */
interface CallHeadersEvent extends CallEvent {
  headers: { [header: string]: string };
}

interface CallConnectedEvent extends CallHeadersEvent {
  customData?: string;
  scheme?: { [id: string]: { audio: unknown; video: unknown } };
}
interface CallDisconnectedEvent extends CallHeadersEvent {
  internalCode: number;
  reason: string;
  /** Seconds. */
  duration: number;
  cost: number;
  direction: string;
}
interface CallFailedEvent extends CallHeadersEvent {
  code: number;
  reason: string;
}
interface CallToneReceivedEvent extends CallEvent {
  /** 0-9, *, #, A-D. */
  tone: string;
  /** How it arrived: `1` RFC 4733, `2` in-band, `3` SIP INFO. */
  type: string;
}
interface CallToneDetectedEvent extends CallEvent {
  ProgressTone: boolean;
  VoicemailTone: boolean;
}
interface CallInfoEvent extends CallHeadersEvent {
  mimeType: string;
  body: string;
}
interface CallMessageReceivedEvent extends CallHeadersEvent {
  text: string;
}
interface CallMicStatusChangeEvent extends CallEvent {
  active: boolean;
}
interface CallPlaybackFinishedEvent extends CallEvent {
  error?: string;
}
interface CallPlaybackStartedEvent extends CallEvent {
  /** Seconds. */
  duration: number;
}
interface CallPushSentEvent extends CallEvent {
  result: string;
}
interface CallRecordStartedEvent extends CallEvent {
  url: string;
}
interface CallRecordStoppedEvent extends CallEvent {
  url: string;
  cost: string;
  /** Seconds. */
  duration: number;
}
interface CallRecordErrorEvent extends CallEvent {
  error: string;
}
interface CallStateChangedEvent extends CallEvent {
  oldState: string;
  newState: string;
}
interface CallBlindTransferRequestedEvent extends CallHeadersEvent {
  transferTo: string;
}
interface CallTransferCompleteEvent extends CallHeadersEvent {
  role?: 'transferor' | 'target' | 'transferee';
}
interface CallTransferFailedEvent extends CallTransferCompleteEvent {
  code: number;
  reason: string;
}
interface CallAudioIdentificationResultEvent extends CallEvent {
  audioType: string;
  audioSubType: string;
  confidence: number;
}
interface CallBeepDetectionCompleteEvent extends CallEvent {
  frequencies: number[];
  timeout: boolean;
}
interface CallBeepDetectionErrorEvent extends CallEvent {
  reason: string;
}
interface CallAudioQualityDetectedEvent extends CallEvent {
  quality: 'HD' | 'STANDARD';
}
interface CallMediaStatisticsReceivedEvent extends CallEvent {
  audio: { [metric: string]: unknown };
}

interface CallEventMap {
  [CallEvents.AudioStarted]: CallHeadersEvent;
  [CallEvents.AudioIdentificationStarted]: CallEvent;
  [CallEvents.AudioIdentificationResult]: CallAudioIdentificationResultEvent;
  [CallEvents.AudioIdentificationStopped]: CallEvent;
  [CallEvents.AudioIdentificationError]: CallEvent;
  [CallEvents.AudioQualityDetected]: CallAudioQualityDetectedEvent;
  [CallEvents.BeepDetectionComplete]: CallBeepDetectionCompleteEvent;
  [CallEvents.BeepDetectionError]: CallBeepDetectionErrorEvent;
  [CallEvents.BlindTransferRequested]: CallBlindTransferRequestedEvent;
  [CallEvents.Connected]: CallConnectedEvent;
  [CallEvents.Disconnected]: CallDisconnectedEvent;
  [CallEvents.Failed]: CallFailedEvent;
  [CallEvents.FirstAudioPacketReceived]: CallEvent;
  [CallEvents.FirstVideoPacketReceived]: CallEvent;
  [CallEvents.Forwarding]: CallEvent;
  [CallEvents.InfoReceived]: CallInfoEvent;
  [CallEvents.MediaStatisticsReceived]: CallMediaStatisticsReceivedEvent;
  [CallEvents.MessageReceived]: CallMessageReceivedEvent;
  [CallEvents.MicStatusChange]: CallMicStatusChangeEvent;
  [CallEvents.OffHold]: CallEvent;
  [CallEvents.OnHold]: CallEvent;
  [CallEvents.PlaybackFinished]: CallPlaybackFinishedEvent;
  [CallEvents.PlaybackReady]: CallEvent;
  [CallEvents.PlaybackStarted]: CallPlaybackStartedEvent;
  [CallEvents.PushSent]: CallPushSentEvent;
  [CallEvents.ReInviteAccepted]: CallInfoEvent;
  [CallEvents.ReInviteReceived]: CallInfoEvent;
  [CallEvents.ReInviteRejected]: CallHeadersEvent;
  [CallEvents.RecordError]: CallRecordErrorEvent;
  [CallEvents.RecordStarted]: CallRecordStartedEvent;
  [CallEvents.RecordStopped]: CallRecordStoppedEvent;
  [CallEvents.Ringing]: CallHeadersEvent;
  [CallEvents.RtpResumed]: CallEvent;
  [CallEvents.RtpStopped]: CallEvent;
  [CallEvents.StateChanged]: CallStateChangedEvent;
  [CallEvents.Statistics]: CallEvent;
  [CallEvents.ToneDetected]: CallToneDetectedEvent;
  [CallEvents.ToneReceived]: CallToneReceivedEvent;
  [CallEvents.TransferComplete]: CallTransferCompleteEvent;
  [CallEvents.TransferFailed]: CallTransferFailedEvent;
  [CallEvents.VideoTrackCreated]: CallRecordStartedEvent;
}

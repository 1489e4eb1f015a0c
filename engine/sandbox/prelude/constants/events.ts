/**
 * VoxEngine's event name strings. They cross the sandbox boundary unchanged: the host names events with these exact
 * values, and scenarios compare against them.
 */

import { frozenNamespace } from '../frozen-namespace.js';

export const AppEvents = frozenNamespace({
  __proto__: null,
  Started: 'Application.Started',
  CallAlerting: 'Application.CallAlerting',
  HttpRequest: 'Application.HttpRequest',
  Terminating: 'Application.Terminating',
  Terminated: 'Application.Terminated',
  WebSocket: 'AppEvents.NewWebSocketConnection',
  NewWebSocketFailed: 'Application.OnNewWebSocketFailed',
});

export const CallEvents = frozenNamespace({
  __proto__: null,
  AudioStarted: 'Call.AudioStarted',
  AudioIdentificationStarted: 'Call.AudioIdentificationStarted',
  AudioIdentificationResult: 'Call.AudioIdentificationResult',
  AudioIdentificationStopped: 'Call.AudioIdentificationStopped',
  AudioIdentificationError: 'Call.AudioIdentificationError',
  AudioQualityDetected: 'Call.AudioQualityDetected',
  BeepDetectionComplete: 'Call.BeepDetectionComplete',
  BeepDetectionError: 'Call.BeepDetectionError',
  BlindTransferRequested: 'Call.BlindTransferRequested',
  Connected: 'Call.Connected',
  Disconnected: 'Call.Disconnected',
  Failed: 'Call.Failed',
  FirstAudioPacketReceived: 'Call.FirstAudioPacketReceived',
  FirstVideoPacketReceived: 'Call.FirstVideoPacketReceived',
  Forwarding: 'Call.Forwarding',
  InfoReceived: 'Call.InfoReceived',
  MediaStatisticsReceived: 'Call.MediaStatisticsReceived',
  MessageReceived: 'Call.MessageReceived',
  MicStatusChange: 'Call.MicStatusChange',
  OffHold: 'Call.OffHold',
  OnHold: 'Call.OnHold',
  PlaybackFinished: 'Call.PlaybackFinished',
  PlaybackReady: 'Call.PlaybackReady',
  PlaybackStarted: 'Call.PlaybackStarted',
  PushSent: 'Call.PushSent',
  ReInviteAccepted: 'Call.ReInviteAccepted',
  ReInviteReceived: 'Call.ReInviteReceived',
  ReInviteRejected: 'Call.ReInviteRejected',
  RecordError: 'Call.RecordError',
  RecordStarted: 'Call.RecordStarted',
  RecordStopped: 'Call.RecordStopped',
  Ringing: 'Call.Ringing',
  RtpResumed: 'Call.RtpResumed',
  RtpStopped: 'Call.RtpStopped',
  StateChanged: 'Call.StateChanged',
  Statistics: 'Call.Statistics',
  ToneDetected: 'Call.ToneDetected',
  ToneReceived: 'Call.ToneReceived',
  TransferComplete: 'Call.TransferComplete',
  TransferFailed: 'Call.TransferFailed',
  VideoTrackCreated: 'Call.Video.TrackCreated',
});

export const PlayerEvents = frozenNamespace({
  __proto__: null,
  Created: 'Player.Created',
  PlaybackReady: 'Player.PlaybackReady',
  Started: 'Player.Started',
  Stopped: 'Player.Stopped',
  PlaybackFinished: 'Player.PlaybackFinished',
  Error: 'Player.Error',
  PlaybackMarkerReached: 'Player.PlaybackMarkerReached',
  PlaybackBuffering: 'Player.Buffering',
});

export const RecorderEvents = frozenNamespace({
  __proto__: null,
  RecorderError: 'Recorder.Error',
  Started: 'Recorder.Started',
  Stopped: 'Recorder.Stopped',
});

/** Call events whose payload carries the X- headers of the SIP message; the prelude guarantees the field exists. */
export const eventsWithHeaders: ReadonlySet<string> = new Set([
  CallEvents.AudioStarted,
  CallEvents.BlindTransferRequested,
  CallEvents.Connected,
  CallEvents.Disconnected,
  CallEvents.Failed,
  CallEvents.InfoReceived,
  CallEvents.MessageReceived,
  CallEvents.ReInviteAccepted,
  CallEvents.ReInviteReceived,
  CallEvents.ReInviteRejected,
  CallEvents.Ringing,
  CallEvents.TransferComplete,
  CallEvents.TransferFailed,
]);

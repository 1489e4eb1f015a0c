/**
 * `CallEvents` names (VoxEngine's strings) and the data fields of each payload. The prelude adds `call`, `name` and
 * `id` inside the isolate; everything here is plain data that crosses the boundary unchanged.
 */
import type { ArgData, Headers } from './scenario-arguments.js';

export const CallEvents = {
  AudioStarted: 'Call.AudioStarted',
  AudioQualityDetected: 'Call.AudioQualityDetected',
  BeepDetectionComplete: 'Call.BeepDetectionComplete',
  BeepDetectionError: 'Call.BeepDetectionError',
  BlindTransferRequested: 'Call.BlindTransferRequested',
  Connected: 'Call.Connected',
  Disconnected: 'Call.Disconnected',
  Failed: 'Call.Failed',
  FirstAudioPacketReceived: 'Call.FirstAudioPacketReceived',
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
  ToneDetected: 'Call.ToneDetected',
  ToneReceived: 'Call.ToneReceived',
  TransferComplete: 'Call.TransferComplete',
  TransferFailed: 'Call.TransferFailed',
} as const;

type Empty = Record<string, never>;
type Role = 'transferor' | 'target' | 'transferee';

/** The data fields of each event, by event name. */
export interface CallEventPayloads {
  'Call.AudioStarted': { headers: Headers };
  'Call.AudioQualityDetected': { quality: 'HD' | 'STANDARD' };
  'Call.BeepDetectionComplete': { frequencies: number[]; timeout: boolean };
  'Call.BeepDetectionError': { reason: string };
  'Call.BlindTransferRequested': { headers: Headers; transferTo: string };
  'Call.Connected': { customData: string; headers: Headers; scheme: Record<string, ArgData> };
  'Call.Disconnected': {
    headers: Headers;
    internalCode: number;
    reason: string;
    duration: number;
    cost: number;
    direction: string;
  };
  'Call.Failed': { headers: Headers; code: number; reason: string };
  'Call.FirstAudioPacketReceived': Empty;
  'Call.Forwarding': Empty;
  'Call.InfoReceived': { headers: Headers; mimeType: string; body: string };
  'Call.MediaStatisticsReceived': { audio: Record<string, ArgData> };
  'Call.MessageReceived': { headers: Headers; text: string };
  'Call.MicStatusChange': { active: boolean };
  'Call.OffHold': Empty;
  'Call.OnHold': Empty;
  'Call.PlaybackFinished': { error?: string };
  'Call.PlaybackReady': Empty;
  'Call.PlaybackStarted': { duration: number };
  'Call.ReInviteAccepted': { headers: Headers; mimeType: string; body: string };
  'Call.ReInviteReceived': { headers: Headers; mimeType: string; body: string };
  'Call.ReInviteRejected': { headers: Headers };
  'Call.RecordError': { error: string };
  'Call.RecordStarted': { url: string };
  'Call.RecordStopped': { url: string; cost: string; duration: number };
  'Call.Ringing': { headers: Headers };
  'Call.RtpResumed': Empty;
  'Call.RtpStopped': Empty;
  'Call.StateChanged': { oldState: string; newState: string };
  'Call.ToneDetected': { ProgressTone: boolean; VoicemailTone: boolean };
  'Call.ToneReceived': { tone: string; type: string };
  'Call.TransferComplete': { headers: Headers; role: Role };
  'Call.TransferFailed': { headers: Headers; role: Role; code: number; reason: string };
}

export type CallEventName = keyof CallEventPayloads;

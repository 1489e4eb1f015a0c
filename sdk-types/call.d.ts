/** SIP headers passed with a request; custom header names begin with `X-`. */
type SipHeaders = { [header: string]: string };

interface CallAnswerParameters {
  displayName?: string;
  scheme?: { [id: string]: { audio: unknown; video: unknown } };
  maxVideoBitrate?: number;
  conferenceCall?: boolean;
  disableDtxForAudio?: boolean;
  disableExtPlayoutDelay?: boolean;
  disableExtVideoOffset?: boolean;
  disableExtVideoOrientation?: boolean;
  disableExtVideoTiming?: boolean;
}

interface TTSOptions {
  pitch?: string;
  rate?: string;
  volume?: string;
  speed?: string;
  emotion?: string;
}

interface CallSayParameters {
  /** The voice (default `VoiceList.Amazon.en_US_Joanna`); `voice` is the newer name of the same parameter. */
  language?: Voice;
  voice?: Voice;
  progressivePlayback?: boolean;
  ttsOptions?: TTSOptions;
  request?: object;
}

interface StartPlaybackParameters {
  loop?: boolean;
  progressivePlayback?: boolean;
}

interface CallRecordParameters {
  /** Left channel: what the caller says; right channel: what the caller hears. Default false (mixed). */
  stereo?: boolean;
  /** 48 kHz instead of 8 kHz. */
  hd_audio?: boolean;
  /** FLAC instead of MP3. */
  lossless?: boolean;
  expire?: RecordExpireTime;
  secure?: boolean;
  transcribe?: boolean;
  language?: string;
  video?: boolean;
  recordNamePrefix?: string;
  labels?: string[];
  format?: string;
}

interface SendMediaParameters {
  tag?: string;
  customParameters?: unknown;
  encoding?: string;
}

interface TransferToParameters {
  /** SIP URI to transfer to (blind transfer, REFER). */
  to?: string;
  /** The other call, for an attended transfer. */
  call?: Call;
  headers?: SipHeaders;
}

interface CallEnableBeepDetectionParameters {
  frequencies?: number[];
  /** Milliseconds. */
  timeout?: number;
}

interface MonitorMediaStatisticsParameters {
  /** Seconds, 3 to 10. */
  interval?: number;
  monitor?: boolean;
}

/** Anything media can be sent to or from: calls, players, recorders. */
type VoxMediaUnit = Call | Player | Recorder;

/** One call leg. Calls come from `AppEvents.CallAlerting` (incoming) or `VoxEngine.callSIP`/`callPSTN` (outgoing). */
declare class Call {
  private constructor();
  /** The call's id, unique in the session. */
  id(): string;
  /** `ALERTING`, `PROGRESSING`, `CONNECTED` or `TERMINATED`. */
  state(): string;
  incoming(): boolean;
  callerid(): string;
  displayName(): string;
  /** The dialled number of an incoming call, or the destination of an outgoing one. */
  number(): string;
  /** `pstn`, `sip`, `user` or `wab`. */
  clientType(): string;
  vad(): boolean;
  toString(): string;
  /** Reads, or sets (at most 200 bytes), the call's custom data. */
  customData(customData?: string): string;

  addEventListener<E extends keyof CallEventMap>(event: E, callback: (event: CallEventMap[E]) => unknown): void;
  addEventListener(event: CallEvents | string, callback: (event: CallEvent & { [field: string]: any }) => unknown): void;
  /** Without a callback, removes every listener of the event. */
  removeEventListener<E extends keyof CallEventMap>(event: E, callback?: (event: CallEventMap[E]) => unknown): void;
  removeEventListener(event: CallEvents | string, callback?: (event: CallEvent & { [field: string]: any }) => unknown): void;

  /** Answers an incoming call (200 OK); `CallEvents.Connected` follows. */
  answer(extraHeaders?: SipHeaders, parameters?: CallAnswerParameters): void;
  answerDirect(peerCall: Call, extraHeaders?: SipHeaders, parameters?: CallAnswerParameters): void;
  /** Rejects an incoming call with a 3xx-6xx code; `CallEvents.Disconnected` follows at once. */
  reject(code: number, extraHeaders?: SipHeaders): void;
  /** @deprecated Use `reject`. */
  decline(code: number, extraHeaders?: SipHeaders): void;
  /** Sends 180 Ringing to the caller. */
  ring(extraHeaders?: SipHeaders): void;
  /** Sends 183 with SDP so that prompts play before the call is answered (60 s at most). */
  startEarlyMedia(
    extraHeaders?: SipHeaders,
    scheme?: string,
    maxVideoBitrate?: number,
    audioLevelExtension?: boolean,
    conferenceCall?: boolean,
    disableDtxForAudio?: boolean,
  ): void;
  /** Ends the call: `Disconnected` if it was connected, `Failed` for an outgoing call not yet connected. */
  hangup(extraHeaders?: SipHeaders): void;

  /** Speaks `text` (at most 1500 characters); `parameters` may also be a voice, e.g. `Language.US_ENGLISH_FEMALE`. */
  say(text: string, parameters?: CallSayParameters | Voice): void;
  /** Plays an audio file (mp3, wav) from a URL. */
  startPlayback(url: string, parameters?: StartPlaybackParameters): void;
  /** Stops `say`/`startPlayback`; no `PlaybackFinished` follows. */
  stopPlayback(): void;
  playProgressTone(country: ProgressToneCountry | string): void;
  /** Records the call; `CallEvents.RecordStarted` carries the URL. */
  record(parameters?: CallRecordParameters): void;

  /** Sends this call's audio to another unit (which hears only its latest source). */
  sendMediaTo(mediaUnit: VoxMediaUnit, parameters?: SendMediaParameters): void;
  stopMediaTo(mediaUnit: VoxMediaUnit): void;

  /** Turns `CallEvents.ToneReceived` on or off (default on, all DTMF types). */
  handleTones(doHandle?: boolean, supportedDtmfTypes?: DTMFType): void;
  /** Sends DTMF (0-9, *, #, A-D; `p` pauses). */
  sendDigits(digits: string): void;
  /** Sends a SIP INFO (body at most 8192 bytes). */
  sendInfo(mimeType: string, body: string, headers?: SipHeaders): void;
  /** Sends a SIP MESSAGE (at most 8192 bytes). */
  sendMessage(text: string): void;
  /** Transfers the call with REFER; `TransferComplete` or `TransferFailed` follows. */
  transferTo(parameters: TransferToParameters): void;
  handleBlindTransfer(handle: boolean): void;
  notifyBlindTransferSuccess(): void;
  notifyBlindTransferFailed(code: number, reason: string): void;
  enableBeepDetection(parameters: CallEnableBeepDetectionParameters): void;
  disableBeepDetection(): void;
  handleMicStatus(handle: boolean): void;
  monitorMediaStatistics(parameters: MonitorMediaStatisticsParameters): void;
}

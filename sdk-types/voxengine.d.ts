interface CallSIPParameters {
  callerid?: string;
  displayName?: string;
  /** Digest authentication toward the far end. */
  password?: string;
  authUser?: string;
  /** X- headers for the INVITE; `VI-CallTimeout` (10-400 s) sets the answer timeout. */
  headers?: SipHeaders;
  video?: boolean;
  outProxy?: string;
  regId?: number;
}

interface CallPSTNParameters {
  headers?: SipHeaders;
  followDiversion?: boolean;
}

type EstablishedCallback = (call1: Call, call2: Call) => void;

/** The session: its events, the calls it places, media routing and media units. */
declare namespace VoxEngine {
  function addEventListener<E extends keyof AppEventMap>(event: E, callback: (event: AppEventMap[E]) => unknown): void;
  function addEventListener(event: AppEvents | string, callback: (event: AppEvent & { [field: string]: any }) => unknown): void;
  /** Without a callback, removes every listener of the event. */
  function removeEventListener<E extends keyof AppEventMap>(event: E, callback?: (event: AppEventMap[E]) => unknown): void;
  function removeEventListener(event: AppEvents | string, callback?: (event: AppEvent & { [field: string]: any }) => unknown): void;

  /** Places a SIP call. At most 50 call attempts per session. */
  function callSIP(to: string, parameters?: CallSIPParameters, scheme?: object): Call;
  /** The older positional form. */
  function callSIP(
    to: string,
    callerid: string,
    displayName?: string,
    password?: string,
    authUser?: string,
    extraHeaders?: SipHeaders,
    video?: boolean,
    outProxy?: string,
  ): Call;
  /** Places a call to a phone number through the configured trunk. */
  function callPSTN(number: string, callerid: string, parameters?: CallPSTNParameters): Call;

  /** Ends the session: its calls are hung up; only `Terminating` and `Terminated` follow. `return` after it. */
  function terminate(): void;
  /** Reads, or sets (at most 200 bytes), the session's custom data (given when the session was started). */
  function customData(customData?: string): string;

  /** Joins two units both ways. */
  function sendMediaBetween(mediaUnit1: VoxMediaUnit, mediaUnit2: VoxMediaUnit): void;
  function stopMediaBetween(mediaUnit1: VoxMediaUnit, mediaUnit2: VoxMediaUnit): void;

  /** Relays call2's progress to call1: ringing, answer and media, failure, hangup (then ends the session). */
  function easyProcess(call1: Call, call2: Call, onEstablishedCallback?: EstablishedCallback, direct?: boolean): void;
  function forwardCallToSIP(onEstablishedCallback?: EstablishedCallback, video?: boolean): void;
  function forwardCallToPSTN(
    numberTransform?: (number: string) => string,
    onEstablishedCallback?: EstablishedCallback,
    options?: { callerid: string },
  ): void;
  /** Answers incoming calls, plays the file and hangs up. */
  function playSoundAndHangup(fileURL: string): void;

  function createTTSPlayer(text: string, parameters?: TTSPlayerParameters | Voice): Player;
  function createURLPlayer(request: URLPlayerRequest | string, parameters?: URLPlayerParameters): Player;
  function createToneScriptPlayer(script: string, parameters?: ToneScriptPlayerParameters): Player;
  function createRecorder(parameters?: RecorderParameters): Recorder;
  function createRecorder(name: string, secure?: boolean): Recorder;
}

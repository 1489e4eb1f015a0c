/**
 * VoxEngine's convenience helpers, written over the public API exactly as a scenario would write them: joining an
 * incoming and an outgoing call (`easyProcess`), forwarding, and playing a file then hanging up.
 */
import { ArgumentError } from './argument-error.js';
import { optionalFunction, requireString } from './argument-checks.js';
import { appListeners } from './app-listeners.js';
import { Call } from './call.js';
import { AppEvents, CallEvents } from './constants/events.js';
import { CallState } from './constants/enums.js';
import { sendMediaBetween } from './media-unit-refs.js';
import { callPSTN, callSIP } from './outgoing-calls.js';
import { terminate } from './session-control.js';

type Established = (call1: Call, call2: Call) => void;

interface AlertingEvent {
  call: Call;
  callerid: string;
  destination: string;
  displayName: string;
  toURI: string;
  headers: Record<string, string>;
}

function requireCall(method: string, name: string, value: unknown): Call {
  if (!(value instanceof Call)) throw new ArgumentError(method, `${name} must be a Call`);
  return value;
}

/** A SIP final response code usable to reject the caller with the callee's failure; 480 when there is none. */
function rejectCode(code: unknown): number {
  return typeof code === 'number' && Number.isInteger(code) && code >= 300 && code <= 699 ? code : 480;
}

/**
 * Relays the outgoing call's progress to the incoming one: ringing, answer with media joined both ways, failure
 * (the caller is rejected with the callee's code) and hangup from either side (the other is hung up and the
 * session ends). The P2P `direct` mode is not available; it is accepted and ignored.
 */
export function easyProcess(call1: Call, call2: Call, onEstablishedCallback?: Established, _direct?: boolean): void {
  const method = 'VoxEngine.easyProcess';
  requireCall(method, 'call1', call1);
  requireCall(method, 'call2', call2);
  const onEstablished = optionalFunction<Established>(method, 'onEstablishedCallback', onEstablishedCallback);

  call2.addEventListener(CallEvents.Ringing, () => {
    if (call1.state() === CallState.ALERTING) call1.ring();
  });
  call2.addEventListener(CallEvents.Connected, () => {
    if (call1.state() !== CallState.CONNECTED) call1.answer();
    sendMediaBetween(call1, call2);
    onEstablished?.(call1, call2);
  });
  call2.addEventListener(CallEvents.Failed, (event) => {
    if (call1.state() === CallState.CONNECTED) call1.hangup();
    else if (call1.state() !== CallState.TERMINATED) call1.reject(rejectCode(event.code));
  });
  call2.addEventListener(CallEvents.Disconnected, () => {
    call1.hangup();
    terminate();
  });
  call1.addEventListener(CallEvents.Disconnected, () => {
    call2.hangup();
    terminate();
  });
}

/** Forwards each incoming call to the SIP URI it was dialled to. */
export function forwardCallToSIP(onEstablishedCallback?: Established, video?: boolean): void {
  const onEstablished = optionalFunction<Established>('VoxEngine.forwardCallToSIP', 'onEstablishedCallback', onEstablishedCallback);
  appListeners.add(AppEvents.CallAlerting, (event: Record<string, unknown>) => {
    const alerting = event as unknown as AlertingEvent;
    const to = alerting.toURI || alerting.destination;
    const call2 = callSIP(to, { callerid: alerting.callerid, displayName: alerting.displayName, video: video === true });
    easyProcess(alerting.call, call2, onEstablished);
  });
}

/** Forwards each incoming call to the PSTN number it was dialled to, optionally rewritten by `numberTransform`. */
export function forwardCallToPSTN(
  numberTransform?: (number: string) => string,
  onEstablishedCallback?: Established,
  options?: { callerid: string },
): void {
  const method = 'VoxEngine.forwardCallToPSTN';
  const transform = optionalFunction<(number: string) => string>(method, 'numberTransform', numberTransform);
  const onEstablished = optionalFunction<Established>(method, 'onEstablishedCallback', onEstablishedCallback);
  appListeners.add(AppEvents.CallAlerting, (event: Record<string, unknown>) => {
    const alerting = event as unknown as AlertingEvent;
    const number = transform ? requireString(method, 'numberTransform result', transform(alerting.destination)) : alerting.destination;
    const call2 = callPSTN(number, options?.callerid ?? alerting.callerid);
    easyProcess(alerting.call, call2, onEstablished);
  });
}

/** Answers each incoming call, plays the file, and hangs up when it ends; the session ends with the call. */
export function playSoundAndHangup(fileURL: string): void {
  requireString('VoxEngine.playSoundAndHangup', 'fileURL', fileURL);
  appListeners.add(AppEvents.CallAlerting, (event: Record<string, unknown>) => {
    const call = (event as unknown as AlertingEvent).call;
    call.addEventListener(CallEvents.Connected, () => call.startPlayback(fileURL));
    call.addEventListener(CallEvents.PlaybackFinished, () => call.hangup());
    call.addEventListener(CallEvents.Failed, () => terminate());
    call.addEventListener(CallEvents.Disconnected, () => terminate());
    call.answer();
  });
}

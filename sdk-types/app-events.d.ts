/** Session events, subscribed with `VoxEngine.addEventListener`. */
declare enum AppEvents {
  /** First and once: the session started (from an incoming call or a start request). */
  Started = 'Application.Started',
  /** An incoming call arrived; answer, reject or forward `event.call`. */
  CallAlerting = 'Application.CallAlerting',
  /** A request to the session's `accessURL`. */
  HttpRequest = 'Application.HttpRequest',
  /** The session is ending (no calls left for 60 s, or `VoxEngine.terminate()`); one HTTP request may still be made. */
  Terminating = 'Application.Terminating',
  /** The session has ended; only `Logger.write` works here. */
  Terminated = 'Application.Terminated',
  WebSocket = 'AppEvents.NewWebSocketConnection',
  NewWebSocketFailed = 'Application.OnNewWebSocketFailed',
}

interface AppEvent {
  /** The event's name, one of the `AppEvents` values. */
  name: string;
}

interface AppStartedEvent extends AppEvent {
  /** The session's id. */
  sessionId: string;
  /** URL that delivers `AppEvents.HttpRequest` to this session. */
  accessURL: string;
  accessSecureURL?: string;
}

interface AppCallAlertingEvent extends AppEvent {
  /** The incoming call. */
  call: Call;
  callerid: string;
  /** The dialled number (the user part of the request URI). */
  destination: string;
  displayName: string;
  fromURI: string;
  toURI: string;
  /** The X- headers of the INVITE. */
  headers: { [header: string]: string };
  customData: string;
  scheme?: string;
}

interface AppHttpRequestEvent extends AppEvent {
  method: string;
  path: string;
  content: string;
  headers: { key: string; value: string }[];
}

interface AppTerminatingEvent extends AppEvent {}
interface AppTerminatedEvent extends AppEvent {}

interface AppEventMap {
  [AppEvents.Started]: AppStartedEvent;
  [AppEvents.CallAlerting]: AppCallAlertingEvent;
  [AppEvents.HttpRequest]: AppHttpRequestEvent;
  [AppEvents.Terminating]: AppTerminatingEvent;
  [AppEvents.Terminated]: AppTerminatedEvent;
  [AppEvents.WebSocket]: AppHttpRequestEvent;
  [AppEvents.NewWebSocketFailed]: AppHttpRequestEvent & { reason: string };
}

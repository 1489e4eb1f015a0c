declare enum PlayerEvents {
  Created = 'Player.Created',
  PlaybackReady = 'Player.PlaybackReady',
  Started = 'Player.Started',
  Stopped = 'Player.Stopped',
  PlaybackFinished = 'Player.PlaybackFinished',
  Error = 'Player.Error',
  PlaybackMarkerReached = 'Player.PlaybackMarkerReached',
  PlaybackBuffering = 'Player.Buffering',
}

interface PlayerEvent {
  player: Player;
  name: string;
}

interface PlayerEventMap {
  [PlayerEvents.Created]: PlayerEvent;
  [PlayerEvents.PlaybackReady]: PlayerEvent;
  [PlayerEvents.Started]: PlayerEvent & { duration: number };
  [PlayerEvents.Stopped]: PlayerEvent;
  [PlayerEvents.PlaybackFinished]: PlayerEvent & { error?: string };
  [PlayerEvents.Error]: PlayerEvent & { error: string };
  [PlayerEvents.PlaybackMarkerReached]: PlayerEvent & { offset: number };
  [PlayerEvents.PlaybackBuffering]: PlayerEvent;
}

/** Plays text, a file or a tone script into whatever it is sent to. At most 10 live players per session. */
declare class Player {
  private constructor();
  id(): string;
  addEventListener<E extends keyof PlayerEventMap>(event: E, callback: (event: PlayerEventMap[E]) => unknown): void;
  addEventListener(event: PlayerEvents | string, callback: (event: PlayerEvent & { [field: string]: any }) => unknown): void;
  removeEventListener<E extends keyof PlayerEventMap>(event: E, callback?: (event: PlayerEventMap[E]) => unknown): void;
  removeEventListener(event: PlayerEvents | string, callback?: (event: PlayerEvent & { [field: string]: any }) => unknown): void;
  pause(): void;
  resume(): void;
  /** Stops playback and destroys the player. */
  stop(): void;
  /** `PlayerEvents.PlaybackMarkerReached` fires at this offset in ms (negative: from the end). */
  addMarker(offset: number): void;
  sendMediaTo(mediaUnit: VoxMediaUnit, parameters?: SendMediaParameters): void;
  stopMediaTo(mediaUnit: VoxMediaUnit): void;
}

interface TTSPlayerParameters {
  /** The voice; `voice` is the newer name of the same parameter. */
  language?: Voice;
  voice?: Voice;
  progressivePlayback?: boolean;
  ttsOptions?: TTSOptions;
  onPause?: boolean;
  request?: object;
}

interface URLPlayerParameters {
  loop?: boolean;
  onPause?: boolean;
  progressivePlayback?: boolean;
  hideHeaders?: boolean;
  hideBody?: boolean;
}

interface URLPlayerRequest {
  url: string;
  method?: 'GET' | 'POST';
  headers?: { name: string; value: string }[];
  body?: { text?: string; binary?: string };
}

interface ToneScriptPlayerParameters {
  loop?: boolean;
  progressivePlayback?: boolean;
}

declare enum RecorderEvents {
  RecorderError = 'Recorder.Error',
  Started = 'Recorder.Started',
  Stopped = 'Recorder.Stopped',
}

interface RecorderEvent {
  recorder: Recorder;
  name: string;
}

interface RecorderEventMap {
  [RecorderEvents.RecorderError]: RecorderEvent & { error: string };
  [RecorderEvents.Started]: RecorderEvent & { url: string };
  [RecorderEvents.Stopped]: RecorderEvent & { cost: string; duration: number };
}

interface RecorderParameters {
  name?: string;
  secure?: boolean;
  hd_audio?: boolean;
  lossless?: boolean;
  expire?: RecordExpireTime;
  /** Keep the two directions in the left and right channels. */
  stereo?: boolean;
  recordNamePrefix?: string;
}

/** Records what calls and players send to it. */
declare class Recorder {
  private constructor();
  id(): string;
  addEventListener<E extends keyof RecorderEventMap>(event: E, callback: (event: RecorderEventMap[E]) => unknown): void;
  addEventListener(event: RecorderEvents | string, callback: (event: RecorderEvent & { [field: string]: any }) => unknown): void;
  removeEventListener<E extends keyof RecorderEventMap>(event: E, callback?: (event: RecorderEventMap[E]) => unknown): void;
  removeEventListener(event: RecorderEvents | string, callback?: (event: RecorderEvent & { [field: string]: any }) => unknown): void;
  mute(doMute: boolean): void;
  /** Stops recording; `RecorderEvents.Stopped` follows. */
  stop(): void;
}

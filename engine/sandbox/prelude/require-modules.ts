/**
 * `require(Modules.X)`. VoxEngine loads optional modules on demand; here everything the engine offers is always
 * present, so requiring a supported module is a no-op, while a module callscript does not offer is an immediate,
 * clear error rather than a missing global later.
 */
import { ArgumentError } from './argument-error.js';

const moduleNames = {
  ACD: 'acd',
  AI: 'ai',
  ApplicationStorage: 'applicationstorage',
  ASR: 'asr',
  Avatar: 'avatar',
  Conference: 'conference',
  IVR: 'ivr',
  OpenAI: 'openai',
  Player: 'player',
  PushService: 'pushservice',
  Recorder: 'recorder',
  SmartQueue: 'smartqueue',
  StreamingAgent: 'streamingagent',
  VoximplantAPI: 'voximplantapi',
};

let modules: Readonly<typeof moduleNames> | undefined;

/** The `Modules` global, made on first use (a session pays for these constants only if it names one). */
export function moduleConstants(): Readonly<typeof moduleNames> {
  return (modules ??= Object.freeze({ ...moduleNames }));
}

const supported: ReadonlySet<string> = new Set([moduleNames.Player, moduleNames.Recorder]);

export function requireModule(module: unknown): void {
  const name = Object.keys(moduleNames).find((key) => moduleNames[key as keyof typeof moduleNames] === module);
  if (name === undefined) {
    throw new ArgumentError('require', `unknown module ${JSON.stringify(module)}; pass a Modules constant such as Modules.Recorder`);
  }
  if (!supported.has(module as string)) {
    throw new ArgumentError('require', `Modules.${name} is not available in callscript (available: Modules.Player, Modules.Recorder)`);
  }
}

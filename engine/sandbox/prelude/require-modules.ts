/**
 * `require(Modules.X)`. VoxEngine loads optional modules on demand; here everything the engine offers is always
 * present, so requiring a supported module is a no-op, while a module callscript does not offer is an immediate,
 * clear error rather than a missing global later.
 */
import { ArgumentError } from './argument-error.js';
import { frozenNamespace } from './frozen-namespace.js';

/** The `Modules` global. */
export const Modules = frozenNamespace({
  __proto__: null,
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
});

const supported: ReadonlySet<string> = new Set([Modules.Player, Modules.Recorder]);

export function requireModule(module: unknown): void {
  const name = Object.keys(Modules).find((key) => Modules[key as keyof typeof Modules] === module);
  if (name === undefined) {
    throw new ArgumentError('require', `unknown module ${JSON.stringify(module)}; pass a Modules constant such as Modules.Recorder`);
  }
  if (!supported.has(module as string)) {
    throw new ArgumentError('require', `Modules.${name} is not available in callscript (available: Modules.Player, Modules.Recorder)`);
  }
}

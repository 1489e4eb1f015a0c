/**
 * Runs a scenario against one simulated incoming call and tells what happened, step by step: what `callscript
 * serve` shows until it runs with real SIP, and a quick way to try a scenario without a phone. Everything is
 * simulated (no SIP, no audio); time is virtual, so a one-minute call takes milliseconds.
 */
import { loadScenario, type ScenarioKit } from './scenario-kit.js';

export interface SimulatedDemoOptions {
  callerid?: string;
  destination?: string;
  /** Digits the caller presses, one each time the scenario has finished a prompt and waits. */
  digits?: string;
  /** Virtual time after which the demo stops waiting for the session to end (default 10 minutes). */
  maxVirtualMs?: number;
}

/** The story of the call, one line per thing the scenario did or received, with virtual timestamps. */
export async function runSimulatedDemo(scenarioPath: string, options: SimulatedDemoOptions = {}): Promise<string[]> {
  const kit = await loadScenario(scenarioPath);
  const lines: string[] = [];
  const stamp = () => `[+${(kit.clock.now() / 1000).toFixed(1).padStart(6)} s]`;
  try {
    const call = kit.incomingCall({ callerid: options.callerid ?? '+15550100', destination: options.destination ?? '100' });
    lines.push(`${stamp()} incoming call from ${options.callerid ?? '+15550100'} to ${options.destination ?? '100'}`);
    const digits = [...(options.digits ?? '')];
    let seenActions = 0;
    let seenEvents = 0;
    let seenLogs = 0;
    const report = () => {
      // Within one step the events came first: the scenario acted on them.
      for (const event of kit.events.slice(seenEvents)) lines.push(`${stamp()} event: ${event.name}`);
      for (const log of kit.logs.slice(seenLogs)) lines.push(`${stamp()} log: ${log}`);
      for (const action of call.actions.slice(seenActions)) lines.push(`${stamp()} scenario: ${describeAction(action)}`);
      seenActions = call.actions.length;
      seenEvents = kit.events.length;
      seenLogs = kit.logs.length;
    };
    await kit.flush();
    report();
    const limit = options.maxVirtualMs ?? 600_000;
    while (!kit.terminated && kit.clock.now() < limit) {
      if (digits.length > 0 && call.state === 'CONNECTED' && !call.playing && waitingAfterPrompt(kit)) {
        const digit = digits.shift()!;
        lines.push(`${stamp()} caller presses ${digit}`);
        call.pressDigit(digit);
        await kit.flush();
      } else {
        await kit.advance(250);
      }
      report();
    }
    lines.push(kit.terminated ? `${stamp()} session ended` : `${stamp()} stopped waiting; the session is still ${kit.state}`);
    if (kit.failure) lines.push(`scenario failed: ${kit.failure.message} at ${kit.failure.file}:${kit.failure.line}:${kit.failure.column}`);
    for (const record of kit.records) {
      lines.push(`call record: ${record.direction} ${record.remoteParty} -> ${record.localParty}, ${record.hangupReason} by ${record.hangupBy}, ${record.durationSeconds} s`);
    }
    return lines;
  } finally {
    kit.close();
  }
}

/** The last thing the scenario heard about is the end of a prompt: a good moment for the caller to press a key. */
function waitingAfterPrompt(kit: ScenarioKit): boolean {
  return kit.events.at(-1)?.name === 'Call.PlaybackFinished';
}

function describeAction(action: ScenarioKit['incomingCalls'][number]['actions'][number]): string {
  switch (action.op) {
    case 'play':
      if (action.source.kind === 'tts') return `says "${action.source.text}"`;
      if (action.source.kind === 'url') return `plays ${action.source.url}`;
      if (action.source.kind === 'progressTone') return `plays the ${action.source.country} progress tone`;
      return `plays ${action.source.kind}`;
    case 'reject':
      return `rejects with ${action.code}`;
    case 'sendDigits':
      return `sends digits ${action.digits}`;
    case 'transfer':
      return `transfers to ${action.to}`;
    case 'dtmfDetection':
      return action.enabled ? 'listens for DTMF' : 'stops listening for DTMF';
    default:
      return action.op;
  }
}

/**
 * The glue between a {@link Session} (host-side state: calls, timers, limits) and the {@link SandboxSession} running
 * its scenario: commands go to the session, the session's events go to the sandbox, a sandbox failure ends the
 * session, and the session's end disposes the sandbox.
 *
 * Order at start: the scenario's top level runs first (registering its listeners), then `AppEvents.Started`, then,
 * for a session started by a call, `CallAlerting`. Events the session emits before the sandbox is ready are held.
 */
import { ScenarioArgumentError, ScenarioLimitError } from '../call/scenario-arguments.js';
import { Session } from '../session/session.js';
import type { ScenarioEvent } from '../session/scenario-protocol.js';
import type { SessionDeps, SessionEnd, SessionObserver } from '../session/session-types.js';
import type { CompiledScenario, SandboxHost, SandboxLimits, SandboxSession, ScenarioFailure } from './sandbox-types.js';

export interface ScenarioSessionOptions {
  host: SandboxHost;
  scenario: CompiledScenario;
  sandboxLimits?: Partial<SandboxLimits>;
  /** Everything the session needs except its event channel, which the glue provides. */
  session: Omit<SessionDeps, 'channel' | 'observer'>;
  observer: SessionObserver;
  /** `VoxEngine.customData()` of a session started with custom data. */
  customData?: string;
  /** Sees every event on its way into the sandbox (the test kit's event log). */
  onEvent?: (event: ScenarioEvent) => void;
}

export interface ScenarioSession {
  readonly session: Session;
  /** The sandbox, or undefined when the scenario's top level failed. */
  readonly sandbox: SandboxSession | undefined;
}

/** Starts a scenario session: sandbox, top level, then `AppEvents.Started`. */
export async function startScenarioSession(options: ScenarioSessionOptions): Promise<ScenarioSession> {
  let sandbox: SandboxSession | undefined;
  let ended = false;
  const held: ScenarioEvent[] = [];
  const observer: SessionObserver = {
    sessionEnded(sessionId: string, end: SessionEnd) {
      ended = true;
      sandbox?.dispose();
      options.observer.sessionEnded(sessionId, end);
    },
  };
  const session = new Session({
    ...options.session,
    observer,
    channel: {
      deliver(event) {
        options.onEvent?.(event);
        if (sandbox) sandbox.deliver(event);
        else held.push(event);
      },
    },
  });
  const fileName = options.scenario.fileName;
  sandbox = await options.host.startSession(
    { sessionId: session.id, scenario: options.scenario, limits: options.sandboxLimits },
    {
      onCommand(command) {
        try {
          session.handleCommand(command);
        } catch (error) {
          // A command the prelude let through but the host refuses is still the scenario's fault: end its session.
          if (!(error instanceof ScenarioArgumentError || error instanceof ScenarioLimitError)) throw error;
          session.fail({ kind: 'exception', message: error.message, file: fileName });
        }
      },
      onFailure(failure: ScenarioFailure) {
        session.fail(failure);
      },
    },
  );
  if (ended) sandbox.dispose();
  for (const event of held.splice(0)) sandbox.deliver(event);
  if (sandbox.alive && session.state === 'running') session.start({ customData: options.customData });
  return { session, sandbox: sandbox.alive ? sandbox : undefined };
}

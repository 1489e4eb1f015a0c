/**
 * Entry point of a sandbox worker process (forked by `SandboxSupervisor`): an in-process host driven over IPC.
 * If V8 loses an isolate, this process aborts and the supervisor fails only the sessions it held.
 */
import { CompileCache } from './compile-cache.js';
import { IpcBatcher } from './ipc-batcher.js';
import { InProcessSandboxHost } from './in-process-host.js';
import type { IsolateSession } from './isolate-session.js';
import type { CompiledScenario } from './sandbox-types.js';
import { WorkerInbox } from './worker-inbox.js';
import { workerScenarioCapacity, type SupervisorMessage, type WorkerMessage } from './worker-protocol.js';

let host: InProcessSandboxHost | undefined;
const scenarios = new CompileCache<CompiledScenario>(workerScenarioCapacity);
const sessions = new Map<number, IsolateSession>();

const outbox = new IpcBatcher<WorkerMessage>((batch) => {
  if (process.connected) process.send!(batch);
});

function post(message: WorkerMessage): void {
  outbox.push(message);
}

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function start(message: Extract<SupervisorMessage, { t: 'start' }>): void {
  const { wireId } = message;
  if (message.scenario) scenarios.set(message.hash, message.scenario);
  const scenario = scenarios.get(message.hash);
  if (!host || !scenario) {
    failStart(wireId, host ? `scenario ${message.hash} is not loaded in this worker` : 'worker not initialized');
    return;
  }
  try {
    const session = host.startSessionSync(
      { sessionId: message.sessionId, scenario, limits: message.limits },
      {
        onCommand: (command) => post({ t: 'command', wireId, command }),
        onFailure: (failure) => {
          sessions.delete(wireId);
          post({ t: 'failure', wireId, failure });
        },
      },
    );
    if (session.alive) sessions.set(wireId, session);
  } catch (error) {
    failStart(wireId, errorText(error));
  }
}

function failStart(wireId: number, message: string): void {
  post({ t: 'failure', wireId, failure: { kind: 'internal', message: `the session could not start: ${message}` } });
}

function handle(message: SupervisorMessage): void {
  switch (message.t) {
    case 'init':
      try {
        host = new InProcessSandboxHost(message.init);
        post({ t: 'ready' });
      } catch (error) {
        post({ t: 'initFailed', message: errorText(error) });
      }
      return;
    case 'start':
      start(message);
      return;
    case 'ping':
      post({ t: 'pong' });
      return;
    case 'deliver': {
      const session = sessions.get(message.wireId);
      try {
        session?.deliverSerialized(message.json);
      } catch (error) {
        // The supervisor checks sizes before sending; anything thrown here is an engine fault, not the scenario's.
        session?.dispose();
        sessions.delete(message.wireId);
        post({ t: 'failure', wireId: message.wireId, failure: { kind: 'internal', message: errorText(error) } });
      }
      return;
    }
    case 'dispose':
      sessions.get(message.wireId)?.dispose();
      sessions.delete(message.wireId);
      return;
  }
}

const inbox = new WorkerInbox<SupervisorMessage>(handle, () => outbox.flush());

process.on('message', (batch) => {
  for (const message of batch as SupervisorMessage[]) inbox.receive(message);
});
// The supervisor went away (closed or died): nothing here may outlive it.
process.on('disconnect', () => {
  void host?.close();
  process.exit(0);
});

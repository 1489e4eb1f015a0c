import type { ThrownDescription } from './bridge-bootstrap.js';
import type { SandboxLimits, ScenarioFailure, ScenarioFailureKind } from './sandbox-types.js';
import type { ScenarioSourceMap } from './scenario-source-map.js';

// isolated-vm's own messages for the two ways it stops a running isolate.
const timeoutMessage = 'Script execution timed out.';
const memoryMessage = 'disposed during execution due to memory limit';

function positioned(kind: ScenarioFailureKind, message: string, stack: string | undefined, map: ScenarioSourceMap): ScenarioFailure {
  if (stack === undefined) return { kind, message, file: map.scenario.fileName };
  const mapped = map.mapStack(stack);
  return {
    kind,
    message,
    file: mapped.top?.file ?? map.scenario.fileName,
    line: mapped.top?.line,
    column: mapped.top?.column,
    stack: mapped.stack,
  };
}

function headline(thrown: ThrownDescription): string {
  if (!thrown.name || thrown.message.startsWith(`${thrown.name}:`)) return thrown.message;
  return `${thrown.name}: ${thrown.message}`;
}

/** User code threw out of the top level or out of `__callscript_deliver`. */
export function failureFromThrown(thrown: ThrownDescription, map: ScenarioSourceMap): ScenarioFailure {
  return positioned('exception', headline(thrown), thrown.stack, map);
}

/** The prelude reported an error it caught itself (`{op: 'fatal'}`). */
export function failureFromFatal(
  fatal: { reason: string; message: string; stack?: string },
  map: ScenarioSourceMap,
): ScenarioFailure {
  const kind: ScenarioFailureKind =
    fatal.reason === 'unhandledRejection' ? 'unhandledRejection' : fatal.reason === 'invalidHandler' ? 'invalidHandler' : 'exception';
  return positioned(kind, String(fatal.message), typeof fatal.stack === 'string' ? fatal.stack : undefined, map);
}

/**
 * isolated-vm threw around an entry: it timed out, hit the memory limit (and disposed the isolate), or found a
 * rejection nobody handled at the microtask checkpoint that ends every entry (isolated-vm 5 rethrows the first such
 * rejection's reason from the call).
 */
export function failureFromAbort(
  error: unknown,
  isolateDisposed: boolean,
  map: ScenarioSourceMap,
  limits: SandboxLimits,
): ScenarioFailure {
  const message = error instanceof Error ? error.message : String(error);
  if (message === timeoutMessage) {
    return { kind: 'timeout', message: `the scenario ran longer than ${limits.callbackTimeoutMs} ms in one callback`, file: map.scenario.fileName };
  }
  if (message.includes(memoryMessage) || isolateDisposed) {
    return { kind: 'memoryLimit', message: `the scenario exceeded its ${limits.memoryMb} MB memory limit`, file: map.scenario.fileName };
  }
  if (error instanceof Error) {
    return positioned('unhandledRejection', `unhandled promise rejection: ${headline(error)}`, error.stack, map);
  }
  return { kind: 'unhandledRejection', message: `unhandled promise rejection: ${message}`, file: map.scenario.fileName };
}

/** A position in the scenario author's own files: 1-based line and column, path relative to the scenario folder. */
export interface ScenarioDiagnostic {
  file: string;
  line: number;
  column: number;
  message: string;
}

export function formatDiagnostic(d: ScenarioDiagnostic): string {
  return `${d.file}:${d.line}:${d.column}: ${d.message}`;
}

/** The scenario could not be compiled: a syntax error, a refused import, a missing file. */
export class ScenarioCompileError extends Error {
  readonly code = 'SCENARIO_COMPILE';
  override readonly name = 'ScenarioCompileError';

  constructor(readonly diagnostics: readonly ScenarioDiagnostic[]) {
    super(diagnostics.length > 0 ? diagnostics.map(formatDiagnostic).join('\n') : 'scenario failed to compile');
  }
}

/** A host was used after `close()`. */
export class SandboxClosedError extends Error {
  readonly code = 'SANDBOX_CLOSED';
  override readonly name = 'SandboxClosedError';

  constructor(what: string) {
    super(`${what}: the sandbox host is closed`);
  }
}

/** The sandbox could not be set up (e.g. the prelude does not load): an engine fault, not the author's. */
export class SandboxSetupError extends Error {
  readonly code = 'SANDBOX_SETUP';
  override readonly name = 'SandboxSetupError';
}

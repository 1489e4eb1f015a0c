/**
 * The port through which the scenario library has an upload compiled and type-checked. The sandbox layer provides
 * the implementation (esbuild + the TypeScript checker against `sdk-types/`); routing only needs its verdict.
 */
export interface ScenarioDiagnostic {
  /** `compile`: the bundler refused it (syntax, a refused import); `type-check`: the TypeScript checker did. */
  phase: 'compile' | 'type-check';
  /** The author's file, as uploaded. */
  file: string;
  /** 1-based. */
  line: number;
  /** 1-based. */
  column: number;
  message: string;
}

export type ScenarioValidation =
  | { ok: true; code: string; hash: string }
  | { ok: false; errors: ScenarioDiagnostic[] };

export interface ScenarioValidator {
  validate(upload: { fileName: string; source: string }): Promise<ScenarioValidation>;
}

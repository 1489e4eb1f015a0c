/**
 * The port through which the scenario library has an upload compiled and type-checked. The sandbox layer provides
 * the implementation (esbuild + the TypeScript checker against `sdk-types/`); routing only needs its verdict.
 */
export interface ScenarioDiagnostic {
  phase: 'compile' | 'typecheck';
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

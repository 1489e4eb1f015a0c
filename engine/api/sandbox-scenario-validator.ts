/**
 * The scenario validator the API uses: the sandbox's esbuild compile (the same compile a session runs), whose
 * errors already point at the author's file, line and column.
 */
import { ScenarioCompiler } from '../sandbox/compile-scenario.js';
import { ScenarioCompileError } from '../sandbox/sandbox-errors.js';
import type { ScenarioValidation, ScenarioValidator } from '../routing/scenario-validator.js';

export class SandboxScenarioValidator implements ScenarioValidator {
  private readonly compiler = new ScenarioCompiler();

  async validate(upload: { fileName: string; source: string }): Promise<ScenarioValidation> {
    try {
      const compiled = await this.compiler.compileSource(upload);
      return { ok: true, code: compiled.code, hash: compiled.hash };
    } catch (error) {
      if (!(error instanceof ScenarioCompileError)) throw error;
      return { ok: false, errors: error.diagnostics.map((d) => ({ phase: 'compile', ...d })) };
    }
  }
}

/**
 * The scenario validator the API uses: the sandbox's check, which compiles the upload exactly as a session will
 * (esbuild) and type-checks it against the scenario author's SDK types. Its errors already point at the author's
 * file, line and column.
 */
import { checkScenarioSource } from '../sandbox/type-check.js';
import type { ScenarioValidation, ScenarioValidator } from '../routing/scenario-validator.js';

export class SandboxScenarioValidator implements ScenarioValidator {
  async validate(upload: { fileName: string; source: string }): Promise<ScenarioValidation> {
    const result = await checkScenarioSource(upload);
    if (result.ok) return { ok: true, code: result.scenario.code, hash: result.scenario.hash };
    return { ok: false, errors: result.diagnostics.map(({ phase, file, line, column, message }) => ({ phase, file, line, column, message })) };
  }
}

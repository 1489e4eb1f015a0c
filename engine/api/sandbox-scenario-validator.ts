/**
 * The scenario validator the API uses: the sandbox's check, which compiles the upload exactly as a session will
 * (esbuild) and type-checks it against the scenario author's SDK types. Its errors already point at the author's
 * file, line and column.
 *
 * The checker is loaded on the first upload: the TypeScript compiler is about 20 MB of heap that a serving engine
 * would otherwise carry, and mark in every full collection, without ever using it.
 */
import type { ScenarioValidation, ScenarioValidator } from '../routing/scenario-validator.js';

export class SandboxScenarioValidator implements ScenarioValidator {
  async validate(upload: { fileName: string; source: string }): Promise<ScenarioValidation> {
    const { checkScenarioSource } = await import('../sandbox/type-check.js');
    const result = await checkScenarioSource(upload);
    if (result.ok) return { ok: true, code: result.scenario.code, hash: result.scenario.hash };
    return { ok: false, errors: result.diagnostics.map(({ phase, file, line, column, message }) => ({ phase, file, line, column, message })) };
  }
}

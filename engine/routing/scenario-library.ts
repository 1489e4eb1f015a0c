/**
 * The scenario store: uploads are checked (name, size, compile, type-check) before anything is written, so a
 * refused upload leaves the current version serving.
 */
import type { Store } from '../store/store.js';
import type { ScenarioVersion } from '../store/store-types.js';
import type { ScenarioDiagnostic, ScenarioValidator } from './scenario-validator.js';

/** VoxEngine's limit on a scenario's size. */
export const maxScenarioBytes = 128 * 1024;

const scenarioName = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$/;
const sourceFileName = /^[A-Za-z0-9_.-]{1,128}\.(ts|js|mts|mjs)$/;

export type ScenarioUploadErrorCode = 'invalid_name' | 'scenario_too_large' | 'scenario_invalid';

export class ScenarioUploadError extends Error {
  constructor(
    readonly code: ScenarioUploadErrorCode,
    message: string,
    /** Every compile or type error, with the author's file, line and column. */
    readonly errors: ScenarioDiagnostic[] = [],
  ) {
    super(message);
    this.name = 'ScenarioUploadError';
  }
}

export interface ScenarioUpload {
  name: string;
  /** Defaults to `<name>.ts`. */
  fileName?: string;
  source: string;
}

export class ScenarioLibrary {
  constructor(
    private readonly store: Pick<Store, 'scenarios'>,
    private readonly validator: ScenarioValidator,
  ) {}

  async upload(upload: ScenarioUpload): Promise<ScenarioVersion> {
    if (!scenarioName.test(upload.name)) {
      throw new ScenarioUploadError(
        'invalid_name',
        'a scenario name is 1-64 letters, digits, `_`, `.` or `-`, starting with a letter or digit',
      );
    }
    const fileName = upload.fileName ?? `${upload.name.replace(/\.(ts|js)$/, '')}.ts`;
    if (!sourceFileName.test(fileName)) {
      throw new ScenarioUploadError('invalid_name', 'the file name must end in .ts, .js, .mts or .mjs');
    }
    const size = Buffer.byteLength(upload.source, 'utf8');
    if (size > maxScenarioBytes) {
      throw new ScenarioUploadError('scenario_too_large', `the scenario is ${size} bytes; the limit is ${maxScenarioBytes}`);
    }
    const verdict = await this.validator.validate({ fileName, source: upload.source });
    if (!verdict.ok) {
      const first = verdict.errors[0];
      const where = first ? ` (${first.file}:${first.line}:${first.column}: ${first.message})` : '';
      throw new ScenarioUploadError('scenario_invalid', `the scenario does not ${phaseVerb(verdict.errors)}${where}`, verdict.errors);
    }
    return this.store.scenarios.add({
      name: upload.name,
      fileName,
      source: upload.source,
      code: verdict.code,
      hash: verdict.hash,
    });
  }
}

function phaseVerb(errors: ScenarioDiagnostic[]): string {
  return errors.some((error) => error.phase === 'compile') ? 'compile' : 'type-check';
}

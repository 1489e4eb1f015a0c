import { afterEach, describe, expect, it } from 'vitest';
import { maxScenarioBytes, ScenarioLibrary, ScenarioUploadError } from '../../../engine/routing/scenario-library.js';
import type { ScenarioValidation, ScenarioValidator } from '../../../engine/routing/scenario-validator.js';
import { tempStore } from '../store/temp-store.js';

class RecordingValidator implements ScenarioValidator {
  readonly seen: { fileName: string; source: string }[] = [];
  constructor(private readonly verdict: ScenarioValidation) {}
  async validate(upload: { fileName: string; source: string }): Promise<ScenarioValidation> {
    this.seen.push(upload);
    return this.verdict;
  }
}

const accept = new RecordingValidator({ ok: true, code: 'compiled', hash: 'c'.repeat(64) });

describe('ScenarioLibrary', () => {
  let temp: ReturnType<typeof tempStore>;
  afterEach(() => temp.dispose());

  it('stores a validated upload with its compiled code, naming the file after the scenario', async () => {
    temp = tempStore();
    const library = new ScenarioLibrary(temp.store, accept);
    const stored = await library.upload({ name: 'ivr', source: 'src' });
    expect(stored).toMatchObject({ name: 'ivr', version: 1, fileName: 'ivr.ts', code: 'compiled', source: 'src' });
    expect(accept.seen.at(-1)).toEqual({ fileName: 'ivr.ts', source: 'src' });
  });

  it('refuses an invalid upload with every diagnostic and stores nothing', async () => {
    temp = tempStore();
    const errors = [
      { phase: 'type-check' as const, file: 'ivr.ts', line: 3, column: 5, message: "Property 'anwser' does not exist" },
      { phase: 'type-check' as const, file: 'ivr.ts', line: 9, column: 1, message: 'Cannot find name x' },
    ];
    const library = new ScenarioLibrary(temp.store, new RecordingValidator({ ok: false, errors }));
    const refusal = await library.upload({ name: 'ivr', source: 'x' }).catch((error: unknown) => error);
    expect(refusal).toBeInstanceOf(ScenarioUploadError);
    expect(refusal).toMatchObject({ code: 'scenario_invalid', errors });
    expect((refusal as Error).message).toBe("the scenario does not type-check (ivr.ts:3:5: Property 'anwser' does not exist)");
    expect(temp.store.scenarios.exists('ivr')).toBe(false);
  });

  it('refuses an oversize source before validating it', async () => {
    temp = tempStore();
    const validator = new RecordingValidator({ ok: true, code: '', hash: '' });
    const library = new ScenarioLibrary(temp.store, validator);
    const source = 'é'.repeat(maxScenarioBytes / 2 + 1);
    await expect(library.upload({ name: 'big', source })).rejects.toMatchObject({ code: 'scenario_too_large' });
    expect(validator.seen).toEqual([]);
  });

  it.each(['', '-x', 'a/b', 'x'.repeat(65), 'sp ace'])('refuses the name %j', async (name) => {
    temp = tempStore();
    await expect(new ScenarioLibrary(temp.store, accept).upload({ name, source: '' })).rejects.toMatchObject({
      code: 'invalid_name',
    });
  });

  it.each(['x.py', '../x.ts', 'dir/x.ts', '.ts'])('refuses the file name %j', async (fileName) => {
    temp = tempStore();
    await expect(new ScenarioLibrary(temp.store, accept).upload({ name: 'ok', fileName, source: '' })).rejects.toMatchObject({
      code: 'invalid_name',
    });
  });
});

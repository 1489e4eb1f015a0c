import ivm from 'isolated-vm';
import { CompileCache } from './compile-cache.js';
import type { CompiledScenario } from './sandbox-types.js';
import { ScenarioSourceMap, scenarioScriptName } from './scenario-source-map.js';

/** `compileScriptSync`'s result carries these when code caching was asked for; the bundled typings omit them. */
type CachingScript = ivm.Script & { cachedData?: ivm.ExternalCopy<ArrayBuffer>; cachedDataRejected?: boolean };

interface CacheEntry {
  readonly cachedData: ivm.ExternalCopy<ArrayBuffer> | undefined;
  readonly sourceMap: ScenarioSourceMap;
}

/**
 * Compiles each scenario once per process: the first isolate compiles it with `produceCachedData`, every later
 * isolate compiles it from that V8 code cache (DESIGN.md, "Sandbox": session start must be cheap). The cached data
 * is only ever produced here from source the engine compiled itself; none is accepted from outside.
 *
 * The scenario is wrapped so that evaluating it yields its main function (run later through the bootstrap's
 * trampoline, which tells the top level's own exceptions from an unhandled rejection). The wrapper's first line is
 * cancelled by `lineOffset: -1`, so V8's positions are the compiled code's and the source map applies unchanged.
 */
export class CompiledScriptCache {
  readonly #entries: CompileCache<CacheEntry>;

  constructor(maxScenarios = 256) {
    this.#entries = new CompileCache(maxScenarios);
  }

  get size(): number {
    return this.#entries.size;
  }

  has(hash: string): boolean {
    return this.#entries.get(hash) !== undefined;
  }

  sourceMapOf(scenario: CompiledScenario): ScenarioSourceMap {
    return this.#entries.get(scenario.hash)?.sourceMap ?? new ScenarioSourceMap(scenario);
  }

  compile(isolate: ivm.Isolate, scenario: CompiledScenario): { script: ivm.Script; sourceMap: ScenarioSourceMap } {
    const source = `(function () {\n${scenario.code}\n})`;
    const origin = { filename: scenarioScriptName, lineOffset: -1 };
    const cached = this.#entries.get(scenario.hash);
    if (cached?.cachedData) {
      const script: CachingScript = isolate.compileScriptSync(source, { ...origin, cachedData: cached.cachedData });
      if (!script.cachedDataRejected) return { script, sourceMap: cached.sourceMap };
      script.release();
    }
    const script: CachingScript = isolate.compileScriptSync(source, { ...origin, produceCachedData: true });
    const sourceMap = cached?.sourceMap ?? new ScenarioSourceMap(scenario);
    this.#entries.set(scenario.hash, { cachedData: script.cachedData, sourceMap });
    return { script, sourceMap };
  }
}

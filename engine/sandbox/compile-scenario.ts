import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { build, type BuildFailure, type BuildOptions, type Message } from 'esbuild';
import { CompileCache } from './compile-cache.js';
import { importPolicyPlugin } from './import-policy.js';
import { ScenarioCompileError, type ScenarioDiagnostic } from './sandbox-errors.js';
import type { CompiledScenario } from './sandbox-types.js';
import { normalizeUploadPath, uploadedFilesPlugin, uploadNamespace } from './uploaded-files-plugin.js';

/** A scenario uploaded as text: the entry file and, optionally, the files it imports by relative path. */
export interface ScenarioSourceInput {
  fileName: string;
  source: string;
  files?: Readonly<Record<string, string>>;
}

interface FileCacheEntry {
  inputs: ReadonlyArray<readonly [path: string, sha256: string]>;
  compiled: CompiledScenario;
}

const outputName = 'scenario.js';

function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

function withoutNamespace(path: string): string {
  return path.startsWith(`${uploadNamespace}:`) ? path.slice(uploadNamespace.length + 1) : path;
}

function diagnosticOf(message: Message, fallbackFile: string): ScenarioDiagnostic {
  const location = message.location;
  if (!location) return { file: fallbackFile, line: 0, column: 0, message: message.text };
  // esbuild's columns are 0-based; the author's editor counts from 1.
  return { file: withoutNamespace(location.file), line: location.line, column: location.column + 1, message: message.text };
}

function isBuildFailure(error: unknown): error is BuildFailure {
  return error instanceof Error && Array.isArray((error as Partial<BuildFailure>).errors);
}

/**
 * Compiles scenarios for the isolate with esbuild (DESIGN.md, "Sandbox"): TypeScript or JavaScript, relative imports
 * bundled, Node built-ins and packages refused, output one classic script (an IIFE, since the isolate has no module
 * loader) ending with an inline source map whose sources are the author's paths relative to the scenario folder.
 * Results are cached by content: a file compile is reused while every input file hashes the same.
 */
export class ScenarioCompiler {
  readonly #byFile: CompileCache<FileCacheEntry>;
  readonly #bySource: CompileCache<CompiledScenario>;

  constructor(maxCachedScenarios = 256) {
    this.#byFile = new CompileCache(maxCachedScenarios);
    this.#bySource = new CompileCache(maxCachedScenarios);
  }

  get cachedCount(): number {
    return this.#byFile.size + this.#bySource.size;
  }

  async compileFile(path: string): Promise<CompiledScenario> {
    const entry = resolve(path);
    const cached = this.#byFile.get(entry);
    if (cached && (await unchanged(cached.inputs))) return cached.compiled;
    const rootDir = dirname(entry);
    const fileName = basename(entry);
    const { compiled, inputs } = await bundle({ entryPoints: [entry] }, rootDir, fileName);
    const hashed = await Promise.all(
      inputs.map(async (input) => {
        const absolute = resolve(rootDir, input);
        return [absolute, sha256(await readFile(absolute, 'utf8'))] as const;
      }),
    );
    this.#byFile.set(entry, { inputs: hashed, compiled });
    return compiled;
  }

  async compileSource(input: ScenarioSourceInput): Promise<CompiledScenario> {
    const files = new Map<string, string>();
    const fileName = normalizeUploadPath(input.fileName);
    files.set(fileName, input.source);
    for (const [name, text] of Object.entries(input.files ?? {})) files.set(normalizeUploadPath(name), text);
    const key = sha256(JSON.stringify([fileName, ...[...files].sort(([a], [b]) => (a < b ? -1 : 1))]));
    const cached = this.#bySource.get(key);
    if (cached) return cached;
    const { compiled } = await bundle(
      { entryPoints: [fileName], plugins: [importPolicyPlugin(), uploadedFilesPlugin(files)] },
      process.cwd(),
      fileName,
    );
    this.#bySource.set(key, compiled);
    return compiled;
  }

  clear(): void {
    this.#byFile.clear();
    this.#bySource.clear();
  }
}

async function unchanged(inputs: FileCacheEntry['inputs']): Promise<boolean> {
  try {
    const current = await Promise.all(inputs.map(async ([path]) => sha256(await readFile(path, 'utf8'))));
    return current.every((hash, i) => hash === inputs[i]![1]);
  } catch {
    return false;
  }
}

async function bundle(
  options: BuildOptions,
  rootDir: string,
  fileName: string,
): Promise<{ compiled: CompiledScenario; inputs: string[] }> {
  try {
    const result = await build({
      plugins: [importPolicyPlugin()],
      ...options,
      absWorkingDir: rootDir,
      bundle: true,
      write: false,
      metafile: true,
      format: 'iife',
      platform: 'neutral',
      target: 'es2022',
      charset: 'utf8',
      // The author's tsconfig must not change how a stored scenario compiles (nor map paths around the import policy).
      tsconfigRaw: '{}',
      sourcemap: 'external',
      sourcesContent: true,
      outfile: join(rootDir, outputName),
      logLevel: 'silent',
    });
    const js = result.outputFiles.find((f) => f.path.endsWith('.js'))!.text;
    const map = JSON.parse(result.outputFiles.find((f) => f.path.endsWith('.map'))!.text) as { sources: string[] };
    map.sources = map.sources.map(withoutNamespace);
    const body = js.replace(/\/\/# sourceMappingURL=\S+\s*$/, '');
    const code = `${body}//# sourceMappingURL=data:application/json;base64,${Buffer.from(JSON.stringify(map)).toString('base64')}\n`;
    const inputs = Object.keys(result.metafile.inputs).filter((p) => !p.startsWith(`${uploadNamespace}:`));
    return { compiled: { hash: sha256(code), fileName, code }, inputs };
  } catch (error) {
    if (isBuildFailure(error)) throw new ScenarioCompileError(error.errors.map((m) => diagnosticOf(m, fileName)));
    throw error;
  }
}

const sharedCompiler = new ScenarioCompiler();

/** Compiles a scenario file (and the files it imports), reusing the process-wide cache. */
export function compileScenarioFile(path: string): Promise<CompiledScenario> {
  return sharedCompiler.compileFile(path);
}

/** Compiles a scenario given as source text (an upload), reusing the process-wide cache. */
export function compileScenarioSource(input: ScenarioSourceInput): Promise<CompiledScenario> {
  return sharedCompiler.compileSource(input);
}

import { dirname, isAbsolute, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { ScenarioCompiler, type ScenarioSourceInput } from './compile-scenario.js';
import { ScenarioCompileError, type ScenarioDiagnostic } from './sandbox-errors.js';
import type { CompiledScenario } from './sandbox-types.js';
import { normalizeUploadPath } from './uploaded-files-plugin.js';

export interface CheckDiagnostic extends ScenarioDiagnostic {
  /** `compile`: esbuild refused it (syntax, a refused import); `type-check`: the TypeScript checker did. */
  phase: 'compile' | 'type-check';
}

export type CheckResult =
  | { ok: true; scenario: CompiledScenario; diagnostics: [] }
  | { ok: false; diagnostics: CheckDiagnostic[] };

export interface CheckOptions {
  /** The scenario author's global declarations (default: the engine's `sdk-types/index.d.ts`). */
  sdkTypes?: string;
  compiler?: ScenarioCompiler;
}

export const defaultSdkTypes = fileURLToPath(new URL('../../sdk-types/index.d.ts', import.meta.url));

// Where uploaded files appear to the checker: a folder that exists nowhere on disk.
const uploadRoot = resolve('/', '__callscript_upload__');

/**
 * The scenario's world as the checker sees it: ES2022 and the SDK's globals only. No DOM and no Node typings (their
 * own `setTimeout` and `require` would hide VoxEngine's); JavaScript scenarios are checked too.
 */
const compilerOptions: ts.CompilerOptions = {
  target: ts.ScriptTarget.ES2022,
  lib: ['lib.es2022.d.ts'],
  types: [],
  strict: true,
  noEmit: true,
  module: ts.ModuleKind.ESNext,
  moduleResolution: ts.ModuleResolutionKind.Bundler,
  allowJs: true,
  checkJs: true,
  skipLibCheck: true,
};

// The standard library's declarations never change within a process; parsing them is most of a check's cost.
const libFiles = new Map<string, ts.SourceFile>();
const libDir = dirname(ts.getDefaultLibFilePath(compilerOptions));

const sharedCompiler = new ScenarioCompiler();

/** `callscript check <file>`: compiles the scenario as a session would, then type-checks it against the SDK. */
export async function checkScenarioFile(path: string, options: CheckOptions = {}): Promise<CheckResult> {
  const entry = resolve(path);
  return check(() => (options.compiler ?? sharedCompiler).compileFile(entry), entry, dirname(entry), new Map(), options);
}

/** The same check for a scenario uploaded as text (the management API). */
export async function checkScenarioSource(input: ScenarioSourceInput, options: CheckOptions = {}): Promise<CheckResult> {
  const overlay = new Map<string, string>();
  const entryName = normalizeUploadPath(input.fileName);
  overlay.set(resolve(uploadRoot, entryName), input.source);
  for (const [name, text] of Object.entries(input.files ?? {})) overlay.set(resolve(uploadRoot, normalizeUploadPath(name)), text);
  const compile = () => (options.compiler ?? sharedCompiler).compileSource(input);
  return check(compile, resolve(uploadRoot, entryName), uploadRoot, overlay, options);
}

async function check(
  compile: () => Promise<CompiledScenario>,
  entry: string,
  rootDir: string,
  overlay: ReadonlyMap<string, string>,
  options: CheckOptions,
): Promise<CheckResult> {
  let scenario: CompiledScenario;
  try {
    scenario = await compile();
  } catch (error) {
    if (error instanceof ScenarioCompileError) {
      return { ok: false, diagnostics: error.diagnostics.map((d) => ({ phase: 'compile' as const, ...d })) };
    }
    throw error;
  }
  const sdkTypes = resolve(options.sdkTypes ?? defaultSdkTypes);
  const program = ts.createProgram({ rootNames: [entry, sdkTypes], options: compilerOptions, host: compilerHost(overlay) });
  const diagnostics = ts
    .getPreEmitDiagnostics(program)
    .filter((d) => d.category === ts.DiagnosticCategory.Error)
    .map((d) => toDiagnostic(d, rootDir));
  return diagnostics.length === 0 ? { ok: true, scenario, diagnostics: [] } : { ok: false, diagnostics };
}

function compilerHost(overlay: ReadonlyMap<string, string>): ts.CompilerHost {
  const host = ts.createCompilerHost(compilerOptions, true);
  const { fileExists, readFile, getSourceFile, directoryExists } = host;
  host.fileExists = (name) => overlay.has(resolve(name)) || fileExists.call(host, name);
  host.readFile = (name) => overlay.get(resolve(name)) ?? readFile.call(host, name);
  host.directoryExists = (name) =>
    [...overlay.keys()].some((file) => file.startsWith(resolve(name))) || (directoryExists?.call(host, name) ?? false);
  host.getSourceFile = (name, languageVersion, onError, shouldCreate) => {
    const text = overlay.get(resolve(name));
    if (text !== undefined) return ts.createSourceFile(name, text, languageVersion, true);
    if (!resolve(name).startsWith(libDir)) return getSourceFile.call(host, name, languageVersion, onError, shouldCreate);
    let lib = libFiles.get(name);
    if (!lib) {
      lib = getSourceFile.call(host, name, languageVersion, onError, shouldCreate);
      if (lib) libFiles.set(name, lib);
    }
    return lib;
  };
  return host;
}

function toDiagnostic(d: ts.Diagnostic, rootDir: string): CheckDiagnostic {
  const message = ts.flattenDiagnosticMessageText(d.messageText, '\n');
  if (!d.file || d.start === undefined) return { phase: 'type-check', file: '', line: 0, column: 0, message };
  const { line, character } = d.file.getLineAndCharacterOfPosition(d.start);
  const path = relative(rootDir, d.file.fileName);
  const file = path.startsWith('..') || isAbsolute(path) ? d.file.fileName : path.split('\\').join('/');
  return { phase: 'type-check', file, line: line + 1, column: character + 1, message };
}

import { builtinModules } from 'node:module';
import type { Plugin } from 'esbuild';

const builtins = new Set(builtinModules);

function isRelative(specifier: string): boolean {
  return specifier.startsWith('./') || specifier.startsWith('../');
}

/** Why `specifier` may not be imported by a scenario, or undefined when it may. */
export function refusalOf(specifier: string): string | undefined {
  if (isRelative(specifier)) return undefined;
  if (specifier.startsWith('node:') || builtins.has(specifier) || builtins.has(specifier.split('/')[0]!)) {
    return `cannot import Node built-in "${specifier}": a scenario runs in a sandbox without Node's modules`;
  }
  return `cannot import "${specifier}": a scenario may import only its own files by relative path (./ or ../)`;
}

/**
 * Refuses every import that is not a relative path, before esbuild tries to resolve it: the sandbox has neither Node's
 * built-ins nor node_modules, and bundling a package would smuggle host code into the isolate. esbuild reports a
 * plugin error at the import's own file, line and column.
 */
export function importPolicyPlugin(): Plugin {
  return {
    name: 'callscript-import-policy',
    setup(build) {
      build.onResolve({ filter: /.*/ }, (args) => {
        if (args.kind === 'entry-point') return undefined;
        const refusal = refusalOf(args.path);
        return refusal === undefined ? undefined : { errors: [{ text: refusal }] };
      });
    },
  };
}

import { posix } from 'node:path';
import type { Loader, Plugin } from 'esbuild';

export const uploadNamespace = 'callscript-upload';

const candidateSuffixes = ['', '.ts', '.js', '.mjs', '.json', '/index.ts', '/index.js'];

function loaderFor(path: string): Loader {
  if (path.endsWith('.ts') || path.endsWith('.mts')) return 'ts';
  if (path.endsWith('.json')) return 'json';
  return 'js';
}

/** Normalizes an uploaded file name to a relative posix path, refusing names that climb out of the upload. */
export function normalizeUploadPath(name: string): string {
  const normalized = posix.normalize(name.replaceAll('\\', '/')).replace(/^\.\//, '');
  if (normalized.startsWith('../') || normalized === '..' || posix.isAbsolute(normalized)) {
    throw new RangeError(`uploaded file name "${name}" must be a relative path inside the scenario`);
  }
  return normalized;
}

/**
 * Serves a scenario uploaded as source text (the management API) from memory: the entry file plus optional extra
 * files that it imports by relative path. Nothing is read from the disk.
 */
export function uploadedFilesPlugin(files: ReadonlyMap<string, string>): Plugin {
  return {
    name: 'callscript-uploaded-files',
    setup(build) {
      build.onResolve({ filter: /.*/ }, (args) => {
        const wanted =
          args.kind === 'entry-point' ? args.path : posix.join(posix.dirname(args.importer), args.path);
        for (const suffix of candidateSuffixes) {
          if (files.has(wanted + suffix)) return { path: wanted + suffix, namespace: uploadNamespace };
        }
        return { errors: [{ text: `cannot find "${args.path}" among the scenario's uploaded files` }] };
      });
      build.onLoad({ filter: /.*/, namespace: uploadNamespace }, (args) => ({
        contents: files.get(args.path)!,
        loader: loaderFor(args.path),
      }));
    },
  };
}

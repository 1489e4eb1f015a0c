/**
 * `callscript upload <file> --server URL --token T`: sends a scenario file to a running engine's management API,
 * which compiles and type-checks it and stores it as the scenario's next version. Errors come back with the
 * author's file, line and column and are printed the way compilers print them.
 */
import { readFile } from 'node:fs/promises';
import { basename, extname } from 'node:path';
import type { Command } from 'commander';

export interface UploadOptions {
  file: string;
  server: string;
  token: string;
  /** Default: the file name without its extension. */
  name?: string;
}

export interface UploadedVersion {
  name: string;
  version: number;
  sizeBytes: number;
  hash: string;
}

interface Diagnostic {
  file: string;
  line: number;
  column: number;
  message: string;
}

export class UploadError extends Error {
  constructor(
    message: string,
    /** The HTTP status, when the server answered. */
    readonly status?: number,
    readonly diagnostics: Diagnostic[] = [],
  ) {
    super(message);
    this.name = 'UploadError';
  }
}

const contentTypes: Record<string, string> = {
  '.ts': 'application/typescript',
  '.mts': 'application/typescript',
  '.js': 'application/javascript',
  '.mjs': 'application/javascript',
};

export async function uploadScenarioFile(options: UploadOptions): Promise<UploadedVersion> {
  const extension = extname(options.file);
  const contentType = contentTypes[extension];
  if (!contentType) throw new UploadError(`${options.file}: a scenario is a .ts or .js file`);
  const source = await readFile(options.file, 'utf8').catch((error: NodeJS.ErrnoException) => {
    throw new UploadError(`${options.file}: ${error.code === 'ENOENT' ? 'no such file' : error.message}`);
  });
  const fileName = basename(options.file);
  const name = options.name ?? basename(fileName, extension);
  const url = new URL(`scenarios/${encodeURIComponent(name)}/versions`, withSlash(options.server));
  url.searchParams.set('fileName', fileName);
  let response: Response;
  try {
    response = await fetch(url, {
      method: 'POST',
      headers: { authorization: `Bearer ${options.token}`, 'content-type': contentType },
      body: source,
    });
  } catch (error) {
    throw new UploadError(`cannot reach ${options.server}: ${(error as Error).cause ?? (error as Error).message}`);
  }
  const body = (await response.json().catch(() => undefined)) as
    | (UploadedVersion & { error?: { message: string; details?: { errors?: Diagnostic[] } } })
    | undefined;
  if (response.status === 201 && body) return body;
  const message = body?.error?.message ?? `HTTP ${response.status}`;
  throw new UploadError(message, response.status, body?.error?.details?.errors ?? []);
}

export function registerUploadCommand(program: Command): Command {
  return program
    .command('upload')
    .description("upload a scenario to a running engine's management API (compiled and type-checked there)")
    .argument('<file>', 'scenario file (.ts or .js)')
    .requiredOption('--server <url>', 'management API base URL, e.g. http://127.0.0.1:8080')
    .option('--token <token>', 'bearer token (default: $CALLSCRIPT_TOKEN)')
    .option('--name <name>', 'scenario name (default: the file name without extension)')
    .action(async (file: string, flags: { server: string; token?: string; name?: string }) => {
      const token = flags.token ?? process.env['CALLSCRIPT_TOKEN'];
      if (!token) {
        process.stderr.write('callscript upload: pass --token or set CALLSCRIPT_TOKEN\n');
        process.exitCode = 2;
        return;
      }
      try {
        const uploaded = await uploadScenarioFile({ file, server: flags.server, token, ...(flags.name && { name: flags.name }) });
        process.stdout.write(`uploaded ${uploaded.name} version ${uploaded.version} (${uploaded.sizeBytes} bytes)\n`);
      } catch (error) {
        if (!(error instanceof UploadError)) throw error;
        for (const d of error.diagnostics) process.stderr.write(`${d.file}:${d.line}:${d.column}: error: ${d.message}\n`);
        if (error.diagnostics.length === 0) process.stderr.write(`callscript upload: ${error.message}\n`);
        process.exitCode = 1;
      }
    });
}

function withSlash(base: string): string {
  return base.endsWith('/') ? base : `${base}/`;
}

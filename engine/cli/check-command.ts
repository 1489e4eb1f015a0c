/**
 * `callscript check <file...>`: compile and type-check scenarios against the scenario author's types (sdk-types/),
 * printing each error as `file:line:col: phase error: message`, like a compiler, and exiting 1 when any failed.
 */
import { dirname, relative, resolve } from 'node:path';
import type { Command } from 'commander';

export function registerCheckCommand(program: Command): Command {
  return program
    .command('check')
    .description('compile and type-check scenario files against the VoxEngine API types')
    .argument('<files...>', 'scenario files (TypeScript or JavaScript)')
    .action(async (files: string[]) => {
      // Loaded here, not at the top: every other command, `serve` first, would carry the TypeScript compiler.
      const { checkScenarioFile } = await import('../sandbox/type-check.js');
      let failed = 0;
      for (const file of files) {
        const result = await checkScenarioFile(file);
        if (result.ok) {
          process.stdout.write(`${file}: ok\n`);
          continue;
        }
        failed++;
        for (const d of result.diagnostics) {
          // Diagnostics name files relative to the scenario's folder; print them relative to where the user is.
          const where = d.file ? `${relative(process.cwd(), resolve(dirname(file), d.file))}:${d.line}:${d.column}` : file;
          process.stderr.write(`${where}: ${d.phase} error: ${d.message}\n`);
        }
      }
      if (failed > 0) process.exitCode = 1;
    });
}

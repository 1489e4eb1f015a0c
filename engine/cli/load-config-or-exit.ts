/**
 * Config loading for the commands: a bad file is reported as `callscript: <file>: <field>: <problem>` with exit
 * code 2, before anything starts listening.
 */
import { ConfigError } from '../server/config/config-reader.js';
import type { EngineConfig } from '../server/config/engine-config.js';
import { loadEngineConfig } from '../server/config/load-config.js';

export function loadConfigOrExit(file: string | undefined): EngineConfig {
  try {
    return loadEngineConfig(file);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    process.stderr.write(`callscript: ${file ? `${file}: ` : ''}${error.message}\n`);
    process.exit(2);
  }
}

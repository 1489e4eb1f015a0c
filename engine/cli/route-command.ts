/**
 * `callscript route --to <number> [--config file]`: which rule and scenario an incoming call to that number would
 * reach, reading the same rules as serve (the API's rules in the store first, then the config file's).
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Command } from 'commander';
import { CallRouter, describeRoute } from '../routing/call-router.js';
import { ConfigRuleTable } from '../routing/config-rule-table.js';
import { RuleTable } from '../routing/rule-table.js';
import { Store } from '../store/store.js';
import { loadConfigOrExit } from './load-config-or-exit.js';

export function registerRouteCommand(program: Command): Command {
  return program
    .command('route')
    .description('print which rule and scenario an incoming call to a number would reach')
    .requiredOption('--to <number>', 'the dialled number (the Request-URI user part)')
    .option('-c, --config <file>', 'JSON config file (default: the embedded configuration)')
    .action((flags: { to: string; config?: string }) => {
      const config = loadConfigOrExit(flags.config);
      // Reading the store must not create one: a dry run on a machine with no data dir changes nothing.
      const store = existsSync(join(config.dataDir, 'callscript.db')) ? Store.open({ dataDir: config.dataDir }) : undefined;
      try {
        const fileRules = new ConfigRuleTable(config.rules.map((rule) => ({ pattern: rule.pattern, scenarioFile: rule.scenario })));
        const decision = new CallRouter(store && new RuleTable(store), fileRules).route(flags.to);
        if (!decision) {
          process.stdout.write(`${flags.to}: no rule matches; the call would be answered 404 Not Found\n`);
          process.exitCode = 1;
          return;
        }
        process.stdout.write(`${flags.to}: ${describeRoute(decision)}\n`);
      } finally {
        store?.close();
      }
    });
}

/**
 * The `callscript` command: `serve` (the engine), `run` (one outbound session), `route` (a routing dry run),
 * `check` (compile and type-check a scenario) and `upload` (a scenario to a running engine's API).
 */
import { Command } from 'commander';
import { registerCheckCommand } from './check-command.js';
import { registerRouteCommand } from './route-command.js';
import { registerRunCommand } from './run-command.js';
import { registerServeCommand } from './serve-command.js';
import { registerUploadCommand } from './upload.js';

const program = new Command('callscript').description('a scriptable telephony engine: SIP calls driven by VoxEngine-style scenarios');
registerServeCommand(program);
registerRunCommand(program);
registerRouteCommand(program);
registerUploadCommand(program);
registerCheckCommand(program);
await program.parseAsync(process.argv);

/**
 * `callscript run <scenario> [--config file] [--custom-data text]`: one session started with `AppEvents.Started`
 * (for outbound scenarios that dial through a trunk); exits when the session ends, after printing one line per call
 * and the session's outcome. Exit code 0 when the session ended normally, 1 when the scenario failed.
 */
import { resolve } from 'node:path';
import type { Command } from 'commander';
import pino from 'pino';
import type { CallRecord } from '../call/call-record.js';
import { Engine } from '../server/engine.js';
import { scenarioNameOf } from '../server/incoming-calls.js';
import { loadConfigOrExit } from './load-config-or-exit.js';

export function registerRunCommand(program: Command): Command {
  return program
    .command('run')
    .description('run one scenario session (AppEvents.Started) and print what happened to each call')
    .argument('<scenario>', 'scenario file (.ts or .js)')
    .option('-c, --config <file>', 'JSON config file (default: the embedded configuration)')
    .option('--custom-data <text>', 'VoxEngine.customData() of the session', '')
    .action(async (file: string, flags: { config?: string; customData: string }) => {
      const config = loadConfigOrExit(flags.config);
      const logger = pino({ level: config.logLevel === 'info' ? 'warn' : config.logLevel }, pino.destination(2));
      const calls: CallRecord[] = [];
      let engine: Engine | undefined;
      try {
        engine = await Engine.start(config, { logger, api: false, sipPorts: 'ephemeral', acceptIncoming: false, onCallRecord: (r) => calls.push(r) });
        const scenario = await engine.compileScenario(resolve(file));
        const { sessionId, session, ended } = await engine.sessions.startStandalone({
          scenario,
          scenarioName: scenarioNameOf(file),
          scenarioVersion: 0,
          customData: flags.customData,
        });
        process.stdout.write(`session ${sessionId} started (${file})\n`);
        const onSignal = () => session.terminate('api');
        process.once('SIGINT', onSignal);
        process.once('SIGTERM', onSignal);
        const outcome = await ended;
        for (const line of outcome.log) process.stdout.write(`  log: ${line}\n`);
        for (const call of calls) process.stdout.write(`${describeCall(call)}\n`);
        process.stdout.write(`session ${sessionId} ${outcome.status}: ${outcome.reason}\n`);
        process.exitCode = outcome.status === 'ended' ? 0 : 1;
      } catch (error) {
        process.stderr.write(`callscript run: ${(error as Error).message}\n`);
        process.exitCode = 1;
      } finally {
        await engine?.close();
      }
      process.exit();
    });
}

export function describeCall(call: CallRecord): string {
  const answered = call.answeredAt !== null ? `answered, ${call.durationSeconds} s` : 'not answered';
  const code = call.sipCode !== null ? ` (SIP ${call.sipCode})` : '';
  return `call ${call.id} ${call.direction} ${call.remoteParty}: ${answered}; ${call.hangupReason ?? 'no reason'} by ${call.hangupBy ?? 'nobody'}${code}`;
}

/**
 * `callscript serve [--config file]`: runs the engine until SIGTERM or SIGINT, then drains (new calls get 503,
 * calls in progress get `limits.drainTimeoutMs` to finish, the rest are hung up) and exits 0.
 */
import type { Command } from 'commander';
import pino from 'pino';
import { Engine } from '../server/engine.js';
import { loadConfigOrExit } from './load-config-or-exit.js';

export function registerServeCommand(program: Command): Command {
  return program
    .command('serve')
    .description('run the engine: SIP, media, scenarios, the management API')
    .option('-c, --config <file>', 'JSON config file (default: the embedded configuration)')
    .action(async (flags: { config?: string }) => {
      const config = loadConfigOrExit(flags.config);
      const logger = pino({ level: config.logLevel, base: { service: 'callscript' } });
      let engine: Engine;
      try {
        engine = await Engine.start(config, { logger, api: true, sipPorts: 'configured', acceptIncoming: true });
      } catch (error) {
        logger.fatal({ err: error }, 'cannot start');
        process.stderr.write(`callscript serve: ${(error as Error).message}\n`);
        process.exit(1);
      }
      const sip = config.sip.listen.map((l) => `${l.transport}:${engine.ua.localTarget(l.transport).host}:${engine.ua.localTarget(l.transport).port}`);
      logger.info(
        { config: config.source ?? 'embedded default', sip, rtp: `${config.rtp.minPort}-${config.rtp.maxPort}`, api: engine.apiUrl, rules: config.rules },
        'callscript serving',
      );
      if (!config.api.tokenConfigured) logger.warn({ token: config.api.token }, 'no api.token configured: generated one for this run');
      let stopping = false;
      const stop = (signal: string) => {
        if (stopping) return;
        stopping = true;
        logger.info({ signal, drainTimeoutMs: config.limits.drainTimeoutMs }, 'draining: new calls get 503');
        void engine
          .drain()
          .then((result) => logger.info(result, 'drained'))
          .then(() => engine.close())
          .then(
            () => {
              logger.info('stopped');
              logger.flush();
              process.exit(0);
            },
            (error: unknown) => {
              logger.error({ err: error }, 'shutdown failed');
              process.exit(1);
            },
          );
      };
      process.on('SIGTERM', () => stop('SIGTERM'));
      process.on('SIGINT', () => stop('SIGINT'));
    });
}

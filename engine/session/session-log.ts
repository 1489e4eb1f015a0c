/**
 * A session's log: every line goes to its pino child logger (bound once with `sessionId`), and the most recent lines
 * are kept in memory for the test kit and the management API. `Logger.write` lines are marked `source: 'scenario'`.
 */
import type { Logger } from 'pino';
import type { Clock } from '../clock.js';
import type { SessionLogEntry } from './session-types.js';

export class SessionLog {
  private readonly entries: SessionLogEntry[] = [];

  constructor(
    readonly logger: Logger,
    private readonly clock: Clock,
    private readonly maxLines: number,
    private readonly maxChars: number,
  ) {}

  get lines(): readonly SessionLogEntry[] {
    return this.entries;
  }

  scenario(text: string): void {
    const line = text.length > this.maxChars ? text.slice(0, this.maxChars) : text;
    this.logger.info({ scenarioLog: true }, line);
    this.keep({ at: this.clock.now(), source: 'scenario', level: 'info', text: line });
  }

  engine(level: SessionLogEntry['level'], text: string, fields: Record<string, unknown> = {}): void {
    this.logger[level](fields, text);
    this.keep({ at: this.clock.now(), source: 'engine', level, text });
  }

  private keep(entry: SessionLogEntry): void {
    this.entries.push(entry);
    if (this.entries.length > this.maxLines) this.entries.splice(0, this.entries.length - this.maxLines);
  }
}

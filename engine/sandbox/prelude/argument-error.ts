/**
 * A scenario called the API with an argument it cannot take. The message names the method and the argument
 * (`Call.answer: extraHeaders must be an object`), so that the author finds the mistake from the log line alone.
 */
export class ArgumentError extends TypeError {
  constructor(method: string, message: string) {
    super(`${method}: ${message}`);
    this.name = 'ArgumentError';
  }
}

/** The scenario went over one of the session's VoxEngine limits (timers, players, call attempts). */
export class LimitError extends RangeError {
  constructor(method: string, message: string) {
    super(`${method}: ${message}`);
    this.name = 'LimitError';
  }
}

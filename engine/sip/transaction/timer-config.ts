/**
 * RFC 3261 section 17.1.1.1 and table 4: the three base intervals every transaction timer derives from.
 *
 *   T1  500 ms default  RTT estimate
 *   T2  4 s            maximum retransmit interval for non-INVITE requests and INVITE responses
 *   T4  5 s            maximum duration a message will remain in the network
 */
export interface TimerConfig {
  readonly t1: number;
  readonly t2: number;
  readonly t4: number;
}

export const defaultTimerConfig: TimerConfig = { t1: 500, t2: 4000, t4: 5000 };

/** Timer B, F, H and J (unreliable), and the 2xx retransmission give-up of section 13.3.1.4: 64*T1. */
export function transactionTimeout(config: TimerConfig): number {
  return 64 * config.t1;
}

/**
 * Timer A doubles without bound (17.1.1.2); Timers E and G double up to T2 (17.1.2.2, 17.2.1).
 * @param previous the interval just used, or undefined for the first
 */
export function nextRetransmitInterval(config: TimerConfig, previous: number | undefined, capAtT2: boolean): number {
  if (previous === undefined) return config.t1;
  const doubled = previous * 2;
  return capAtT2 ? Math.min(doubled, config.t2) : doubled;
}

/**
 * Timer D: "at least 32 seconds for unreliable transports, and a value of zero seconds for reliable" (17.1.1.2).
 * 64*T1 is 32 s at the default T1 and shrinks with it, so tests that shorten T1 shorten D too.
 */
export function timerD(config: TimerConfig, reliable: boolean): number {
  return reliable ? 0 : transactionTimeout(config);
}

/** Timers I and K: T4 for unreliable transports, zero for reliable (17.2.1, 17.1.2.2). */
export function timerIK(config: TimerConfig, reliable: boolean): number {
  return reliable ? 0 : config.t4;
}

/** Timer J: 64*T1 for unreliable transports, zero for reliable (17.2.2). */
export function timerJ(config: TimerConfig, reliable: boolean): number {
  return reliable ? 0 : transactionTimeout(config);
}

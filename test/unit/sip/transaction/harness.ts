import { defaultTimerConfig } from '../../../../engine/sip/transaction/timer-config.js';
import type { TransactionContext } from '../../../../engine/sip/transaction/transaction-types.js';
import { FakeClock } from './fake-clock.js';

export interface Harness {
  clock: FakeClock;
  sent: { at: number; text: string }[];
  terminated: string[];
  context: TransactionContext;
}

export function harness(reliable: boolean, failSends = false): Harness {
  const clock = new FakeClock();
  const sent: { at: number; text: string }[] = [];
  const terminated: string[] = [];
  const context: TransactionContext = {
    clock,
    timers: defaultTimerConfig,
    channel: {
      reliable,
      send(data, onError) {
        sent.push({ at: clock.now(), text: data.toString() });
        if (failSends) onError(new Error('unreachable'));
      },
    },
    onTerminated: (key) => terminated.push(key),
  };
  return { clock, sent, terminated, context };
}

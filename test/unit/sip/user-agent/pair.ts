import type { Clock } from '../../../../engine/clock.js';
import type { ClientSession } from '../../../../engine/sip/user-agent/client-session.js';
import type { ServerSession } from '../../../../engine/sip/user-agent/server-session.js';
import type { Termination } from '../../../../engine/sip/user-agent/session-types.js';
import { UserAgent } from '../../../../engine/sip/user-agent/user-agent.js';
import type { UserAgentOptions } from '../../../../engine/sip/user-agent/user-agent-types.js';

export function offer(direction = 'sendrecv'): string {
  return `v=0\r\no=- 1 1 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\nm=audio 40000 RTP/AVP 0\r\na=${direction}\r\n`;
}

/** Two user agents on loopback: `caller` places calls to `callee`, whose incoming sessions queue in `incoming`. */
export interface Pair {
  caller: UserAgent;
  callee: UserAgent;
  incoming: ServerSession[];
  nextIncoming(): Promise<ServerSession>;
  calleeUri(protocol?: 'udp' | 'tcp'): string;
  errors: unknown[];
  close(): void;
}

export async function startPair(options: { clock?: Clock; callee?: Partial<UserAgentOptions> } = {}): Promise<Pair> {
  const incoming: ServerSession[] = [];
  const waiters: ((session: ServerSession) => void)[] = [];
  const errors: unknown[] = [];
  const listen = [{ protocol: 'udp', host: '127.0.0.1', port: 0 }, { protocol: 'tcp', host: '127.0.0.1', port: 0 }] as const;
  const caller = await UserAgent.start({ listen, clock: options.clock }, { onInvite: (s) => s.reject(603), onError: (e) => errors.push(e) });
  const callee = await UserAgent.start(
    { listen, clock: options.clock, ...options.callee },
    {
      onInvite: (session) => {
        const waiter = waiters.shift();
        if (waiter) waiter(session);
        else incoming.push(session);
      },
      onError: (e) => errors.push(e),
    },
  );
  return {
    caller,
    callee,
    incoming,
    errors,
    nextIncoming: () => new Promise((resolve) => (incoming.length > 0 ? resolve(incoming.shift()!) : waiters.push(resolve))),
    calleeUri: (protocol = 'udp') =>
      `sip:callee@127.0.0.1:${callee.localTarget(protocol).port}${protocol === 'tcp' ? ';transport=tcp' : ''}`,
    close: () => {
      caller.close();
      callee.close();
    },
  };
}

/** The arguments of the next emission of `event` (sessions' typed `once`, read loosely for tests). */
export function nextEvent<T extends unknown[]>(emitter: ClientSession | ServerSession, event: string): Promise<T> {
  const loose = emitter as unknown as { once(event: string, listener: (...args: T) => void): void };
  return new Promise((resolve) => loose.once(event, (...args: T) => resolve(args)));
}

export function terminated(session: ClientSession | ServerSession): Promise<Termination> {
  return new Promise((resolve) => {
    if (session.termination) resolve(session.termination);
    else session.once('terminated', resolve);
  });
}

/** Places a call and answers it; resolves once the callee has the ACK. */
export async function establish(pair: Pair, protocol: 'udp' | 'tcp' = 'udp'): Promise<{ client: ClientSession; server: ServerSession }> {
  const client = pair.caller.invite({ uri: pair.calleeUri(protocol), from: 'sip:caller@127.0.0.1', sdp: offer() });
  const server = await pair.nextIncoming();
  const acked = nextEvent(server, 'ack');
  server.accept(offer());
  await nextEvent(client, 'accepted');
  await acked;
  return { client, server };
}

/**
 * Sandbox workers run at a lower CPU priority than the engine process.
 *
 * The engine process carries every call's signalling and media on one thread: when it waits for a core, 100 Trying
 * and 200 OK go out late, the caller retransmits its INVITE (more work for the same thread) and RTP leaves its
 * 20 ms grid. A worker that waits only delays a scenario's reaction by as much. On the 2-core bench machine, where
 * the engine, two workers and sipp share the cores, equal priority let the workers take the engine's share at
 * 300 calls/s: answers queued for seconds, sipp retransmitted 65,000 INVITEs and 255 calls failed; with the workers
 * at nice 5 or 10 the same load ran with no retransmission and no failure (bench/RESULTS.md, "Serve", session 6).
 * Under the kernel's fair scheduler nice 10 weighs about a tenth of nice 0, so the workers still get every cycle
 * the engine leaves.
 */
import { getPriority, setPriority } from 'node:os';

/** How much nicer than the engine the workers run. */
export const defaultWorkerNice = 10;

/**
 * Makes process `pid` `increment` nicer than this one (up to nice 19). Raising a child's nice value needs no
 * privilege; if the system refuses anyway, the worker keeps the engine's priority and `onRefused` says why.
 */
export function lowerWorkerPriority(pid: number, increment: number, onRefused: (error: Error) => void): void {
  if (increment === 0) return;
  try {
    setPriority(pid, Math.min(19, getPriority() + increment));
  } catch (error) {
    onRefused(error as Error);
  }
}

/** The session's calls and media units by id, so that host events find the object they concern. */
import type { Call } from './call.js';

export type UnitEventSink = (event: string, payload: Record<string, unknown>) => void;

export const calls = new Map<string, Call>();
export const units = new Map<string, UnitEventSink>();

import type { SandboxLimits } from './sandbox-types.js';

/** VoxEngine's limits where it has one: a 16 MB heap and one second of CPU per callback. */
export const defaultSandboxLimits: Readonly<SandboxLimits> = Object.freeze({
  memoryMb: 16,
  callbackTimeoutMs: 1000,
  backgroundBusyMs: 1000,
  sessionCpuMs: 60_000,
  maxMessageBytes: 256 * 1024,
});

export function resolveLimits(...overrides: Array<Partial<SandboxLimits> | undefined>): SandboxLimits {
  const limits: SandboxLimits = { ...defaultSandboxLimits };
  for (const override of overrides) {
    if (!override) continue;
    for (const [key, value] of Object.entries(override) as Array<[keyof SandboxLimits, number | undefined]>) {
      if (value === undefined) continue;
      if (!Number.isFinite(value) || value <= 0) throw new RangeError(`sandbox limit ${key} must be a positive number, got ${value}`);
      limits[key] = value;
    }
  }
  return limits;
}

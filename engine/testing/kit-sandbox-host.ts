/**
 * One in-process sandbox host per test process, shared by every kit: isolates come from its warm pool, and each
 * scenario is compiled once. It lives as long as the process (vitest runs each test file in its own worker).
 */
import { InProcessSandboxHost } from '../sandbox/in-process-host.js';
import { preludeSource } from '../sandbox/prelude/build-prelude.js';

let shared: InProcessSandboxHost | undefined;

export function kitSandboxHost(): InProcessSandboxHost {
  shared ??= new InProcessSandboxHost({ preludeSource: preludeSource(), poolSize: 1 });
  return shared;
}

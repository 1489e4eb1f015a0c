#!/usr/bin/env node
// The engine ships as TypeScript; tsx compiles it on load so that the CLI, the test kit and the tests share one source.
import { register } from 'tsx/esm/api';

register();
await import('../engine/cli/main.ts');

#!/usr/bin/env bash
# The whole test suite, from a fresh machine: installs what it needs, type-checks, then runs every test.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-deps.sh
npx tsc -p tsconfig.json --noEmit
npx vitest run "$@"

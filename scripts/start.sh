#!/usr/bin/env bash
# Starts the engine on its embedded defaults, from a fresh machine.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-deps.sh
exec node bin/callscript.js serve "$@"

#!/usr/bin/env bash
# Installs what the engine and its tests need on a fresh Debian machine: the real SIP peers and audio tools from
# Debian, then the npm packages from the lock file (native ones, isolated-vm and better-sqlite3, build here).
set -euo pipefail
cd "$(dirname "$0")/.."

debian_packages=(sip-tester espeak-ng baresip sox libsox-fmt-mp3)
missing=()
for pkg in "${debian_packages[@]}"; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
done
if [ ${#missing[@]} -gt 0 ]; then
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  npm ci --no-audit --no-fund
fi

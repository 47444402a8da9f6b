#!/usr/bin/env bash
# Installs what building, the demo and the tests need on a fresh Debian machine:
# the system Chromium (test tools cannot download browsers here) and the npm packages.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ ! -x /usr/bin/chromium ]; then
  echo "setup: installing Chromium (Debian package chromium)"
  SUDO=$([ "$(id -u)" -eq 0 ] && echo "" || echo "sudo")
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq chromium >/dev/null
fi
npm ci --no-audit --no-fund

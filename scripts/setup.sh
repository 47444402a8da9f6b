#!/usr/bin/env bash
# Installs what building, the demo and the tests need on a fresh Debian machine:
# the system Chromium and firefox-esr (test tools cannot download browsers here) and the npm packages.
set -euo pipefail
cd "$(dirname "$0")/.."
# Chromium for the e2e tier and the demo; firefox-esr for the Firefox smoke test.
# chromium-l10n: Chromium's own UI languages, without which chrome.i18n falls back to English (locale e2e).
missing=()
[ -x /usr/bin/chromium ] || missing+=(chromium)
dpkg -s chromium-l10n >/dev/null 2>&1 || missing+=(chromium-l10n)
[ -x /usr/bin/firefox-esr ] || missing+=(firefox-esr)
if [ ${#missing[@]} -gt 0 ]; then
  echo "setup: installing ${missing[*]} (Debian packages)"
  SUDO=$([ "$(id -u)" -eq 0 ] && echo "" || echo "sudo")
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${missing[@]}" >/dev/null
fi
npm ci --no-audit --no-fund

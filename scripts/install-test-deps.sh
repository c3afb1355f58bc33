#!/usr/bin/env bash
# What the tests need beyond npm: Debian's Chromium (Playwright cannot download
# browsers here), CJK fonts for Chinese text in screenshots, python3 (the ZIP
# tests read archives with its zipfile, a reader independent of the writer),
# and a running PostgreSQL. Installed only when missing; needs root or sudo on a machine that
# lacks them.
set -euo pipefail

missing=()
[ -x "${CHROMIUM_PATH:-/usr/bin/chromium}" ] || missing+=(chromium)
# Not `grep -q`: it stops reading at the first match, fc-list dies of SIGPIPE,
# and under pipefail the fonts looked missing on every run.
fc-list 2>/dev/null | grep -i "noto.*cjk" > /dev/null || missing+=(fonts-noto-cjk)
command -v python3 >/dev/null || missing+=(python3)

if [ ${#missing[@]} -gt 0 ]; then
  echo "installing: ${missing[*]}"
  SUDO=""
  [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

# The database suites and the multi-instance test run against a real
# PostgreSQL (Debian's package, started here: no Docker on these machines).
bash "$(dirname "$0")/pg-test-server.sh" >/dev/null

# npm may one day enforce its install-script block; fail early and clearly if so.
node -e "require('better-sqlite3')(':memory:').close()"
node -e "require('sharp')"
node -e "require('argon2')"
echo "test dependencies present: $(${CHROMIUM_PATH:-/usr/bin/chromium} --version 2>/dev/null)"

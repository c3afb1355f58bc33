#!/usr/bin/env bash
# Every test: types, unit + integration (Vitest), then the built app in
# Debian's Chromium (Playwright). Ends with one "N passed, N failed" line.
set -uo pipefail
export NEXT_TELEMETRY_DISABLED=1
cd "$(dirname "$0")/.."
mkdir -p test-results
rm -f test-results/vitest.json test-results/e2e.json

status=0
step() { echo; echo "== $*"; }

step "typecheck"
npx tsc --noEmit || status=1

step "unit and integration tests (vitest)"
npx vitest run --reporter=default --reporter=json --outputFile.json=test-results/vitest.json || status=1

step "build (with a sentinel gateway key, which e2e/key-secrecy.spec.ts looks for everywhere)"
export KEY_SENTINEL="sk-sentinel-$(node -e 'console.log(require("crypto").randomBytes(12).toString("hex"))')"
if NANO_API_KEY="$KEY_SENTINEL" npx next build \
  && step "standalone build (what the Dockerfile ships)" \
  && NEXT_OUTPUT=standalone NEXT_DIST_DIR=.next-standalone npx next build >/dev/null \
  && bash scripts/assemble-standalone.sh .next-standalone test-results/standalone-server; then
  step "end-to-end tests (playwright, Debian chromium)"
  npx playwright test || status=1
else
  status=1
fi

node scripts/summarize-tests.mjs || status=1
exit $status

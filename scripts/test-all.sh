#!/usr/bin/env bash
# Every test: types, unit + integration (Vitest), then the built app in
# Debian's Chromium (Playwright). Ends with where the time went (each step,
# the slowest files) and one "N passed, N failed" line.
#
# One step at a time, on two cores: Vitest (3 workers), one build, Playwright
# (3 workers, each with its own demo studio) with the type check (it reads
# the build's route types) and the linters beside it at the lowest priority,
# then the few tests that assert
# wall-clock bounds, alone. Running Vitest beside the build and the browser
# tests saved minutes but starved time-limited tests into failing, so the
# line trades those minutes for a result that does not depend on the load.
set -uo pipefail
export NEXT_TELEMETRY_DISABLED=1
cd "$(dirname "$0")/.."
mkdir -p test-results/logs
rm -f test-results/vitest.json test-results/vitest-timing.json test-results/vitest-files.json test-results/e2e.json test-results/e2e-timing.json test-results/steps.tsv test-results/logs/*.log

echo "test line: load average $(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null), $(nproc 2>/dev/null) cores"

status=0
now_ms() { date +%s%3N; }
T0=$(now_ms)
header() { echo; echo "== $* (at $(( ($(now_ms) - T0) / 1000 )) s)"; }
# One line of test-results/steps.tsv (summarize-tests.mjs reads it): name,
# start and end (epoch ms), exit code, and the CPU seconds (user + system) of
# the step's processes, from bash's `times` in the step's own subshell (a
# figure the other work on a shared machine changes less than the wall time).
record() {
  local cpu file="test-results/logs/.times-$BASHPID"
  times > "$file"
  cpu=$(awk 'NR == 2 { t = 0; for (i = 1; i <= 2; i++) { split($i, p, /[ms]/); t += p[1] * 60 + p[2] } printf "%.1f", t }' "$file")
  rm -f "$file"
  printf '%s\t%s\t%s\t%s\t%s\n' "$1" "$2" "$(now_ms)" "$3" "$cpu" >> test-results/steps.tsv
}

# recorded NAME COMMAND...: runs it in the current (sub)shell and records
# its line of steps.tsv, keeping its exit code.
recorded() {
  local name=$1 start rc
  shift
  start=$(now_ms)
  "$@"
  rc=$?
  record "$name" "$start" "$rc"
  return $rc
}

# step NAME COMMAND...: in the foreground, its output streamed.
step() {
  header "$1"
  (recorded "$@")
}

# background NAME COMMAND...: started now, its output in
# test-results/logs/NAME.log; `finish NAME PID` waits for it and prints that.
background() {
  (recorded "$@" > "test-results/logs/$1.log" 2>&1) &
}
finish() {
  local name=$1 pid=$2 rc
  wait "$pid"
  rc=$?
  header "$name (output in full; it ran in the background)"
  cat "test-results/logs/$name.log"
  [ $rc -eq 0 ] || echo "(exit $rc)"
  return $rc
}

run_vitest() {
  local project=$1
  shift
  npx vitest run --project "$project" "$@" --reporter=default --reporter=json \
    --outputFile.json="test-results/vitest$([ "$project" = unit ] || echo "-$project").json" --reporter=./lib/testing/file-timings-reporter.ts
}
# Vitest first and alone: beside the build and the browser workers on two
# cores, its longest files (instances, queue, migrate) and the browser tests'
# timing checks (multi-instance's poll gap) were starved into their limits.
step "unit and integration tests (vitest)" run_vitest unit || status=1

# One build serves every end-to-end test: `next start` runs .next as it is, and
# the standalone server the Dockerfile ships is laid out from the same build
# (.next/standalone). It carries a sentinel gateway key, which
# e2e/key-secrecy.spec.ts looks for in every browser file, response and log.
# STUDIO_TEST_BUILD: no type check in the build (tsc below checks every file)
# and no build cache (next.config.mjs).
build() {
  STUDIO_TEST_BUILD=1 NEXT_OUTPUT=standalone NANO_API_KEY="$KEY_SENTINEL" npx next build \
    && bash scripts/assemble-standalone.sh .next test-results/standalone-server
}
export KEY_SENTINEL="sk-sentinel-$(node -e 'console.log(require("crypto").randomBytes(12).toString("hex"))')"
step "build (one, standalone output, with a sentinel gateway key)" build
built=$?

# The type check and the linters (package.json "lint": ESLint, the layer rules
# of .dependency-cruiser.cjs, knip; zero warnings) run during the browser
# tests, at the lowest priority: the browser tests wait on the demo gateway
# more than they compute (about 0.7 of the two cores), and neither check has
# a time limit, so they take the idle CPU and give it back whenever a browser
# test wants it. In a row, before the browser tests, they cost 50 s.
background "typecheck (tsc, with the build's route types)" nice -n 19 npx tsc --noEmit
tsc_pid=$!
background "lint (npm run lint)" nice -n 19 npm run lint
lint_pid=$!

if [ $built -eq 0 ]; then
  step "end-to-end tests (playwright, Debian chromium)" npx playwright test --grep-invert @timing || status=1
else
  status=1
fi
finish "typecheck (tsc, with the build's route types)" "$tsc_pid" || status=1
finish "lint (npm run lint)" "$lint_pid" || status=1


# Last, with nothing else running: the tests that assert wall-clock bounds
# (vitest.config.ts, the "timing" project; the browser tests tagged @timing),
# one at a time.
step "timing-sensitive tests (vitest, alone)" run_vitest timing --maxWorkers=1 || status=1
if [ $built -eq 0 ]; then
  step "timing-sensitive end-to-end tests (playwright @timing, alone)" \
    env E2E_WORKERS=1 E2E_JSON=test-results/e2e-timing.json E2E_OUTPUT=test-results/e2e-timing npx playwright test --grep @timing || status=1
fi

node scripts/summarize-tests.mjs || status=1
exit $status

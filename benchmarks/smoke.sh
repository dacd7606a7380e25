#!/usr/bin/env bash
# Smoke run of EVERY JMH benchmark in benchmarks/target/benchmarks.jar (CI, after ./mvnw verify):
# one fork, no warm-up, one 200 ms iteration each. Proves that each benchmark sets up, runs and tears
# down; the figures it prints mean nothing. Builds nothing. New benchmarks are covered
# automatically (the whole jar runs); only parameters that multiply the run are narrowed here.
#
# Environment:
#   SMOKE_ITERATION  iteration time (default 200ms: the cue jitter suite still delivers 2-3 cues
#                    at 125 ms; 1s cost 36 s more of CI's time for 42 runs)
#   SMOKE_TIMEOUT    bound on the whole run, seconds (default 600); exceeding it fails the run
#   SMOKE_INCLUDE    JMH include regex (default: everything)
# Exit status: non-zero if JMH fails, a benchmark throws (-foe), the time bound is exceeded, or
# no result was written.
set -euo pipefail
cd "$(dirname "$0")/.."

jar=benchmarks/target/benchmarks.jar
out=benchmarks/target/smoke
if [[ ! -f "$jar" ]]; then
  echo "smoke: $jar is missing: run ./mvnw -B package first" >&2
  exit 1
fi
rm -rf "$out"
mkdir -p "$out"
export ENTRAIN_JITTER_DIR="$out/jitter"

# -p narrows only what multiplies the run: the cue jitter suite at one interval (both loads, every
# source and wait strategy still run). A -p only applies to benchmarks that have that parameter.
start=$(date +%s)
status=0
timeout --signal=TERM --kill-after=30 "${SMOKE_TIMEOUT:-600}" \
  java -jar "$jar" \
    -f 1 -wi 0 -i 1 -r "${SMOKE_ITERATION:-200ms}" -to 60s -foe true \
    -p cueInterval=125ms \
    -rf json -rff "$out/results.json" \
    "${SMOKE_INCLUDE:-.*}" 2>&1 | tee "$out/smoke.log" || status=$?
elapsed=$(( $(date +%s) - start ))

if [[ $status -ne 0 ]]; then
  echo "smoke: FAILED (exit $status after ${elapsed} s; 124 = over the ${SMOKE_TIMEOUT:-600} s bound)" >&2
  exit "$status"
fi
if [[ ! -s "$out/results.json" ]] || ! grep -q '"benchmark"' "$out/results.json"; then
  echo "smoke: FAILED (no results in $out/results.json)" >&2
  exit 1
fi
count=$(grep -c '"benchmark"' "$out/results.json")
echo "smoke: OK, $count benchmark runs in ${elapsed} s (log: $out/smoke.log)"

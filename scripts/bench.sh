#!/usr/bin/env bash
# make bench: every benchmark, ours beside the reference in the same run, ratios printed.
# Benchmarks are not tests: they assert nothing, they measure and print.
set -uo pipefail
cd "$(dirname "$0")/.."
status=0
for b in bench/*_bench.sh; do
  echo "=== $b"
  bash "$b" || { echo "benchmark $b failed"; status=1; }
done
exit $status

#!/usr/bin/env bash
# Builds the libFuzzer target with clang (ASan + UBSan) and runs it for a bounded time on a
# copy of the CSV corpus. make test runs it for FUZZ_SECONDS (default 30); run it by hand for
# longer: FUZZ_SECONDS=600 tests/fuzz/run_fuzz.sh
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
out=$root/build/fuzz
mkdir -p "$out/corpus"
sources=$(ls "$root"/shared/src/*.cpp)
if [ ! -x "$out/csv_import_fuzz" ] || [ -n "$(find "$root/shared" "$root/tests/fuzz" -newer "$out/csv_import_fuzz" -name '*.?pp' | head -1)" ]; then
  clang++ -std=c++20 -O1 -g -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=undefined \
    -I"$root/shared/include" "$root/tests/fuzz/csv_import_fuzz.cpp" $sources -o "$out/csv_import_fuzz"
fi
cp -n "$root"/tests/shared/corpus/*.csv "$out/corpus/" 2>/dev/null || true
"$out/csv_import_fuzz" -max_total_time="${FUZZ_SECONDS:-30}" -max_len=4096 -rss_limit_mb=2048 \
  -print_final_stats=1 "$out/corpus" 2>&1 | tail -12

#!/usr/bin/env bash
# Builds a libFuzzer target with clang (ASan + UBSan) and runs it for a bounded time on a copy
# of its seed corpus. make test runs each for FUZZ_SECONDS (default 30); run one by hand for
# longer: FUZZ_SECONDS=600 tests/fuzz/run_fuzz.sh sip
#   csv_import (default): the CSV reader and import validator (shared/ only)
#   sip: the SIP input path of the server (server/sip on a SQLite store, libosip2)
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
target=${1:-csv_import}
out=$root/build/fuzz
flags=(-std=c++20 -O1 -g -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=undefined)
# Sources the build generates (the MAC vendor table from Debian's ieee-data): CMake's, as make
# test has them (PHONEFLEET_GENERATED), else the default native build's.
generated=${PHONEFLEET_GENERATED:-$root/build/native/shared/generated}
[ -f "$generated/mac_vendor_table.cpp" ] || { echo "run_fuzz: no $generated/mac_vendor_table.cpp (build first)"; exit 1; }

case "$target" in
  csv_import)
    mkdir -p "$out/corpus"
    sources=$(ls "$root"/shared/src/*.cpp "$generated"/*.cpp)
    if [ ! -x "$out/csv_import_fuzz" ] || [ -n "$(find "$root/shared" "$root/tests/fuzz" "$generated" -newer "$out/csv_import_fuzz" -name '*.?pp' | head -1)" ]; then
      clang++ "${flags[@]}" -I"$root/shared/include" -I"$root/shared/src" "$root/tests/fuzz/csv_import_fuzz.cpp" $sources \
        -o "$out/csv_import_fuzz"
    fi
    cp -n "$root"/tests/shared/corpus/*.csv "$out/corpus/" 2>/dev/null || true
    "$out/csv_import_fuzz" -max_total_time="${FUZZ_SECONDS:-30}" -max_len=4096 -rss_limit_mb=2048 \
      -print_final_stats=1 "$out/corpus" 2>&1 | tail -12
    ;;
  sip)
    # One object per source, rebuilt when its source or any header is newer (two at a time:
    # the machine is shared). libosip2 itself is Debian's, not instrumented.
    obj=$out/sip-obj
    mkdir -p "$obj" "$out/sip_corpus"
    # The registrar records history (F18) through the HistoryRecorder.
    sources=("$root"/shared/src/*.cpp "$generated"/*.cpp "$root"/server/sip/*.cpp "$root"/server/store/*.cpp
      "$root/server/services/history_recorder.cpp" "$root/tests/fuzz/sip_fuzz.cpp")
    newest_header=$(find "$root/shared/include" "$root/server/sip" "$root/server/store" "$root/server/services" \
      -name '*.hpp' -printf '%T@\n' | sort -n | tail -1)
    stale=()
    for s in "${sources[@]}"; do
      o=$obj/$(echo "${s#"$root"/}" | tr / _).o
      if [ ! -f "$o" ] || [ "$s" -nt "$o" ] || [ "$(stat -c %Y "$o")" -lt "${newest_header%.*}" ]; then stale+=("$s"); fi
    done
    if [ ${#stale[@]} -gt 0 ]; then
      printf '%s\n' "${stale[@]}" | xargs -P2 -I{} sh -c \
        'o="$0/$(echo "${1#"$2"/}" | tr / _).o"; s=$1; shift 2; exec clang++ "$@" -c "$s" -o "$o"' "$obj" {} "$root" \
        "${flags[@]/-fsanitize=fuzzer,/-fsanitize=fuzzer-no-link,}" -I"$root/shared/include" -I"$root/shared/src" -I"$root/server"
      rm -f "$out/sip_fuzz"
    fi
    if [ ! -x "$out/sip_fuzz" ]; then
      clang++ "${flags[@]}" "$obj"/*.o -o "$out/sip_fuzz" -losipparser2 -lsqlite3 -lsodium -lcrypto -lpthread
    fi
    cp -n "$root"/tests/fuzz/sip_corpus/* "$out/sip_corpus/" 2>/dev/null || true
    # On a finding, the report and the input (saved as build/fuzz/sip-crash-*) are shown.
    log=$out/sip_fuzz.log
    if ! "$out/sip_fuzz" -max_total_time="${FUZZ_SECONDS:-30}" -max_len=8192 -rss_limit_mb=2048 \
      -artifact_prefix="$out/sip-" -print_final_stats=1 "$out/sip_corpus" >"$log" 2>&1; then
      grep -v -e '^#' -e '^INFO' "$log" | tail -60
      exit 1
    fi
    tail -12 "$log"
    ;;
  *)
    echo "usage: $0 [csv_import|sip]" >&2
    exit 2
    ;;
esac

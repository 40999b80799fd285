#!/usr/bin/env bash
# Runs the wasm build of csv_validate_bench under node (see TOOLCHAIN.md for the flag).
exec node --no-experimental-fetch "$(dirname "$0")/../build/wasm/bench/csv_validate_bench.js" "$@"

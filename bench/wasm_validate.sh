#!/usr/bin/env bash
# Runs the wasm build of csv_validate_bench under node (see TOOLCHAIN.md for the flag).
# Another wasm build: PHONEFLEET_WASM=build/<dir>.
wasm=${PHONEFLEET_WASM:-$(dirname "$0")/../build/wasm}
exec node --no-experimental-fetch "$wasm/bench/csv_validate_bench.js" "$@"

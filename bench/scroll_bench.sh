#!/usr/bin/env bash
# Issue 3 benchmark: "the client keeps 60 frames/s scrolling 100,000 rows". Our Devices table
# over 100,000 more devices, scrolled by the wheel in Debian's headless Chromium, beside a bare
# WebGL2 page drawing as much the same way (bench/scroll_reference/reference.html), same browser,
# same flags, rounds in turn; frames/s, frame-time percentiles, presented frames, and our CPU
# time inside the frame callback against 16.7 ms. Details in bench/scroll_bench.mjs.
# Env: PHONEFLEET_BIN=build/<dir>/bin (server), PHONEFLEET_WASM=build/<dir> (client in <dir>/bin),
# SCROLL_BENCH_ROUNDS (3), SCROLL_BENCH_VIEWPORT (1280x800), SCROLL_BENCH_DPR (1),
# SCROLL_BENCH_FLAGS (Chromium flags added to the browser tests' own).
# Seen here (Chromium 156, SwiftShader, 2 shared cores): frames are bound by the pixels the GPU
# process rasterises and reads back at every swap, not by the page: at 1280x800 the reference
# alone draws 12-22 frames/s (19 for a bare clear), 640x400 ~27, 320x200 ~42; DPR 2 (4x the
# pixels) ~5. --use-angle=swiftshader-webgl or --disable-gpu-compositing (software compositing)
# gave both pages ~16-19 instead of ~12-16; --disable-gpu-vsync --disable-frame-rate-limit
# unthrottles rAF (hundreds of callbacks/s) while presented frames drop: not an honest figure.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
bin=${PHONEFLEET_BIN:-$root/build/bin}
wasm=${PHONEFLEET_WASM:-$root/build/wasm}
"$root/scripts/install-deps.sh"  # the pinned npm tools (npm ci), as make test has them
PHONEFLEET_SERVER=$(cd "$bin" && pwd)/phonefleet-server PHONEFLEET_WASM=$(cd "$wasm" && pwd) \
  exec node "$root/bench/scroll_bench.mjs"

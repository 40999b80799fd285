# Shared by the SIP benchmarks (sourced; sets $tmp and the cleanup trap). Usage:
#   . "$root/bench/bench_lib.sh"; bench_setup NAME TOOL...
# NAME prefixes messages and the scratch folder (on tmpfs unless BENCH_TMP says otherwise;
# BENCH_KEEP=1 keeps it); each TOOL must be installed.
pids=()
bench_setup() {
  bench_name=$1
  shift
  tmp=$(mktemp -d -p "${BENCH_TMP:-/dev/shm}" "$bench_name.XXXXXX")
  trap bench_cleanup EXIT
  for tool in "$@"; do
    command -v "$tool" >/dev/null || { echo "$bench_name: $tool is missing (scripts/install-deps.sh)"; exit 1; }
  done
}
bench_cleanup() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  wait 2>/dev/null
  [ -n "${BENCH_KEEP:-}" ] && echo "kept $tmp" || rm -rf "$tmp"
}
free_udp_port() { python3 -c 'import socket; s=socket.socket(socket.AF_INET, socket.SOCK_DGRAM); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
wait_for() {  # log pattern
  for _ in $(seq 100); do grep -q "$2" "$1" 2>/dev/null && return 0; sleep 0.1; done
  echo "$bench_name: no '$2' in $1"; cat "$1"; exit 1
}

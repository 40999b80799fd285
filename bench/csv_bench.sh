#!/usr/bin/env bash
# Issue 4 benchmark, ours and the reference in one run, ratios printed:
#  1. Validating 100,000- and 1,000,000-row import files in WebAssembly under node, against
#     papaparse merely parsing the same file (header: true) in the same node.
#     Goals: time <= 0.2x papaparse; peak memory (over node's own) <= 1.5x the file size.
#  2. The same validation natively. Goal: >= 600 MB/s.
#  3. The server's real import of 100,000 rows over HTTP (validation and transaction included)
#     against the sqlite3 shell's .import of the same rows into a table keyed by MAC.
#     Goal: <= 1.5x.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
bin=${PHONEFLEET_BIN:-$root/build/bin}  # another build's programs: PHONEFLEET_BIN=build/<dir>/bin
tmp=$(mktemp -d)
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; rm -rf "$tmp"; }
trap cleanup EXIT
[ -d "$root/bench/node_modules/papaparse" ] || (cd "$root/bench" && npm install --no-audit --no-fund --loglevel=error)

make_file() {  # rows file: unique unicast MACs in the four notations, demo types and sites
  python3 - "$1" "$2" <<'PY'
import sys
rows, path = int(sys.argv[1]), sys.argv[2]
types = ["Cisco 6841", "Yealink T54W"]
with open(path, "w", newline="") as f:
    f.write("mac,device_type,site\r\n")
    for i in range(rows):
        h = "0200%08X" % i
        n = i % 4
        mac = h if n == 0 else ":".join(h[j:j+2] for j in range(0, 12, 2)) if n == 1 else \
              "-".join(h[j:j+2] for j in range(0, 12, 2)).lower() if n == 2 else ".".join(h[j:j+4] for j in range(0, 12, 4)).lower()
        f.write(f"{mac},{types[i % 2]},{'Paris' if i % 3 else 'Lyon'}\r\n")
PY
}
peak_kb() { /usr/bin/time -f '%M' "$@" 2>&1 >/dev/null | tail -1; }
field() { sed -n "s|.* $1 \([0-9.]*\).*|\1|p"; }

node_base=$(peak_kb node -e "0")
for rows in 100000 1000000; do
  f=$tmp/import-$rows.csv
  make_file "$rows" "$f"
  size=$(stat -c %s "$f")
  echo "-- $rows rows, $((size / 1000)) kB"
  ours=$(node --no-experimental-fetch "$root/build/wasm/bench/csv_validate_bench.js" "$f")
  ours_kb=$(peak_kb node --no-experimental-fetch "$root/build/wasm/bench/csv_validate_bench.js" "$f")
  papa=$(node "$root/bench/papaparse_parse.mjs" "$f")
  papa_kb=$(peak_kb node "$root/bench/papaparse_parse.mjs" "$f")
  native=$("$bin/csv_validate_bench" "$f")
  python3 - "$size" "$node_base" "$ours_kb" "$papa_kb" "$(echo "$ours" | field ms)" "$(echo "$papa" | field ms)" \
    "$(echo "$native" | field 'MB/s')" "$(echo "$ours" | field errors)" <<'PY'
import sys
size, base, ours_kb, papa_kb, ours_ms, papa_ms, native_mbs, errors = sys.argv[1:]
size, base, ours_kb, papa_kb = int(size), int(base), int(ours_kb), int(papa_kb)
ours_ms, papa_ms, native_mbs = float(ours_ms), float(papa_ms), float(native_mbs)
mb = size / 1e6
ours_mem, papa_mem = max(0, ours_kb - base) * 1024, max(0, papa_kb - base) * 1024
t = ours_ms / papa_ms
m = ours_mem / size
print(f"   wasm validation  {ours_ms:9.1f} ms  {mb / (ours_ms / 1000):7.1f} MB/s  peak +{ours_mem / 1e6:6.1f} MB  (errors: {errors})")
print(f"   papaparse parse  {papa_ms:9.1f} ms  {mb / (papa_ms / 1000):7.1f} MB/s  peak +{papa_mem / 1e6:6.1f} MB")
print(f"   time ratio {t:.2f} (goal <= 0.20: {'met' if t <= 0.2 else 'NOT met'});"
      f" memory {m:.2f}x the file (goal <= 1.5: {'met' if m <= 1.5 else 'NOT met'}); papaparse {papa_mem / size:.1f}x")
print(f"   native validation {native_mbs:.0f} MB/s (goal >= 600: {'met' if native_mbs >= 600 else 'NOT met'})")
PY
done

echo "-- server import of 100,000 rows over HTTP vs sqlite3 .import"
f=$tmp/import-100000.csv
"$bin/phonefleet-server" --demo --db "$tmp/db.sqlite" --http 127.0.0.1:0 --sip 127.0.0.1:0 --static "$tmp" >"$tmp/server.log" 2>&1 &
pids+=($!)
for _ in $(seq 200); do grep -q "^listening on" "$tmp/server.log" && break; sleep 0.1; done
url=$(sed -n 's/^listening on //p' "$tmp/server.log")
token=$(curl -s -X POST "$url/api/v1/auth/login" -d '{"username":"client-admin","password":"client-demo"}' |
  python3 -c 'import json,sys; print(json.load(sys.stdin)["token"])')
cid=$(curl -s "$url/api/v1/customers" -H "Authorization: Bearer $token" | python3 -c 'import json,sys; print(json.load(sys.stdin)["items"][0]["id"])')
ours=$(curl -s -o "$tmp/import.json" -w '%{time_total}' -X POST --data-binary "@$f" -H 'Content-Type: text/csv' \
  -H "Authorization: Bearer $token" "$url/api/v1/customers/$cid/devices/import")
imported=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1])).get("imported"))' "$tmp/import.json")
start=$(date +%s.%N)
sqlite3 "$tmp/ref.sqlite" "PRAGMA journal_mode=WAL;" \
  "CREATE TABLE devices(mac TEXT PRIMARY KEY, device_type TEXT, site TEXT) WITHOUT ROWID;" \
  ".import --csv --skip 1 $f devices" >/dev/null
ref=$(echo "$(date +%s.%N) - $start" | bc)
python3 - "$ours" "$ref" "$imported" <<'PY'
import sys
ours, ref, n = float(sys.argv[1]), float(sys.argv[2]), sys.argv[3]
r = ours / ref
print(f"   phonefleet import  {ours * 1000:8.0f} ms ({n} devices)\n   sqlite3 .import    {ref * 1000:8.0f} ms")
print(f"   ratio {r:.2f} (goal <= 1.5: {'met' if r <= 1.5 else 'NOT met'})")
PY

#!/usr/bin/env bash
# Issue 3 benchmark: 1,000,000 devices in SQLite.
#  1. An authenticated GET .../devices page of 50 rows under wrk (32 keep-alive connections)
#     against a bare cpp-httplib handler returning the same JSON: requests/s ratio, p99.
#     Goal: ratio >= 0.5, p99 < 20 ms.
#  2. Every filter of the list, median of 5 requests. Goal: < 50 ms each.
#  INVENTORY_DB_CACHE: a folder where the seeded database is kept between runs (default
#  build/bench-cache; "off" seeds every time), keyed by the schema, the demo seed and DEVICES;
#  a cached database gets its binding times moved to now, so the states are those just seeded.
#  BENCH_QUICK=1 (what make test runs): 2,000 devices, 1 s of wrk, no cache, no goal read.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
bin=${PHONEFLEET_BIN:-$root/build/bin}  # another build's programs: PHONEFLEET_BIN=build/<dir>/bin
quick=${BENCH_QUICK:-}
DEVICES=${DEVICES:-${quick:+2000}}; DEVICES=${DEVICES:-1000000}
DURATION=${DURATION:-${quick:+1}}; DURATION=${DURATION:-10}
THREADS=${THREADS:-34}
tmp=$(mktemp -d)
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; rm -rf "$tmp"; }
trap cleanup EXIT

start_server() {  # db → sets URL
  "$bin/phonefleet-server" --db "$1" --http 127.0.0.1:0 --sip 127.0.0.1:0 --http-threads "$THREADS" --static "$tmp" \
    >"$tmp/server.log" 2>&1 &
  pids+=($!)
  # A database of an older schema is migrated before the server listens (a minute at most).
  for _ in $(seq 600); do grep -q "^listening on" "$tmp/server.log" && break; sleep 0.1; done
  URL=$(sed -n 's/^listening on //p' "$tmp/server.log")
}

cache_dir=${INVENTORY_DB_CACHE:-${quick:+off}}; cache_dir=${cache_dir:-$root/build/bench-cache}
cache_key=$(cat "$root/server/store/schema.cpp" "$root/server/demo/demo_seed.cpp" "$root/bench/inventory_bench.sh" | sha1sum | cut -c1-12)
cached=$cache_dir/inventory-$DEVICES-$cache_key.sqlite
if [ "$cache_dir" != off ] && [ -f "$cached" ] && [ -f "$cached.now" ]; then
  echo "-- reusing the database of $DEVICES devices seeded earlier ($cached)"
  cp "$cached" "$tmp/db.sqlite"
  shift_s=$(( $(date +%s) - $(cat "$cached.now") ))
  sqlite3 "$tmp/db.sqlite" "UPDATE registrations SET registered_at = registered_at + $shift_s, expires_at = expires_at + $shift_s;"
else
echo "-- building a database of $DEVICES devices"
"$bin/phonefleet-server" --demo --db "$tmp/db.sqlite" --http 127.0.0.1:0 --sip 127.0.0.1:0 --static "$tmp" >"$tmp/seed.log" 2>&1 &
seed=$!
for _ in $(seq 200); do grep -q "^listening on" "$tmp/seed.log" && break; sleep 0.1; done
kill "$seed"
for _ in $(seq 50); do kill -0 "$seed" 2>/dev/null || break; sleep 0.1; done
kill -9 "$seed" 2>/dev/null && echo "   (the seeding server did not stop on SIGTERM within 5 s: killed)" || true
now=$(date +%s)
sqlite3 "$tmp/db.sqlite" <<SQL
BEGIN;
CREATE TEMP TABLE types AS SELECT row_number() OVER (ORDER BY name) - 1 AS k, id FROM device_types WHERE dect = 0;
WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i < $DEVICES - 1)
INSERT INTO devices(mac, customer_id, site_id, device_type_id, created_at)
SELECT printf('0200%08X', i), c.id, s.id, (SELECT id FROM types WHERE k = i % (SELECT count(*) FROM types)), 0
FROM n, customers c JOIN sites s ON s.customer_id = c.id AND s.name = CASE WHEN i % 3 = 0 THEN 'Lyon' ELSE 'Paris' END
WHERE c.name = 'Café Lumière';
-- One device in ten has a line; half of those registered, a quarter lapsed (Aged).
INSERT INTO lines(device_mac, port, phone_number, extension, sip_ha1_md5, sip_ha1_sha256)
SELECT mac, 1, '339' || substr(mac, 5), substr(mac, 9), '', '' FROM devices WHERE mac LIKE '0200%' AND substr(mac, 12) = '0';
INSERT INTO registrations(line_id, contact_uri, registered_at, expires_at)
SELECT id, 'sip:' || phone_number || '@127.0.0.1', $now - 100,
       CASE WHEN id % 4 = 0 THEN $now - 50 ELSE $now + 3600 END FROM lines WHERE id % 2 = 0;
COMMIT;
SQL
if [ "$cache_dir" != off ]; then
  mkdir -p "$cache_dir"
  rm -f "$cache_dir/inventory-$DEVICES-"*
  sqlite3 "$tmp/db.sqlite" "PRAGMA wal_checkpoint(TRUNCATE);" >/dev/null
  cp "$tmp/db.sqlite" "$cached" && echo "$now" >"$cached.now"
fi
fi
echo "   $(sqlite3 "$tmp/db.sqlite" "SELECT count(*) FROM devices") devices, $(sqlite3 "$tmp/db.sqlite" "SELECT count(*) FROM registrations") bindings"

start_server "$tmp/db.sqlite"
token=$(curl -s -X POST "$URL/api/v1/auth/login" -d '{"username":"client-admin","password":"client-demo"}' |
  python3 -c 'import json,sys; print(json.load(sys.stdin)["token"])')
cid=$(curl -s "$URL/api/v1/customers" -H "Authorization: Bearer $token" | python3 -c 'import json,sys; print(json.load(sys.stdin)["items"][0]["id"])')
path="/api/v1/customers/$cid/devices?page=1&per_page=50"
curl -sf "$URL$path" -H "Authorization: Bearer $token" >"$tmp/page.json"
python3 -c 'import json,sys; n = len(json.load(open(sys.argv[1]))["items"]); sys.exit(0 if n == 50 else f"inventory_bench: a page of {n} devices, not 50")' "$tmp/page.json"
port=$((20000 + RANDOM % 20000))
"$bin/bare_http_server" "$tmp/page.json" "$port" "$THREADS" >/dev/null &
pids+=($!)
sleep 0.5

run_wrk() {  # url header... → "req/s p99_ms"
  wrk -t2 -c32 -d"${DURATION}s" --latency "$@" 2>/dev/null |
    awk '/Requests\/sec/ {rps=$2} /^ +99%/ {v=$2; if (v ~ /us$/) {sub(/us/,"",v); v=v/1000} else if (v ~ /ms$/) {sub(/ms/,"",v)} else if (v ~ /s$/) {sub(/s/,"",v); v=v*1000}; p99=v} END {printf "%.0f %.2f\n", rps, p99}'
}
echo "-- GET a page of 50 devices, wrk -t2 -c32 -d${DURATION}s (keep-alive)"
read -r ours_rps ours_p99 < <(run_wrk -H "Authorization: Bearer $token" "$URL$path")
read -r bare_rps bare_p99 < <(run_wrk "http://127.0.0.1:$port$path")
printf '   %-28s %10s req/s   p99 %8s ms\n' "phonefleet (auth+SQLite)" "$ours_rps" "$ours_p99" "bare cpp-httplib handler" "$bare_rps" "$bare_p99"
python3 - "$ours_rps" "$bare_rps" "$ours_p99" <<'PY'
import sys
ours, bare, p99 = float(sys.argv[1]), float(sys.argv[2]), float(sys.argv[3])
ratio = ours / bare if bare else 0
print(f"   ratio ours/bare = {ratio:.2f}  (goal >= 0.50: {'met' if ratio >= 0.5 else 'NOT met'});"
      f" p99 {p99:.2f} ms (goal < 20: {'met' if p99 < 20 else 'NOT met'})")
PY

echo "-- filters over $DEVICES devices (median of 5, goal < 50 ms)"
sites=$(curl -s "$URL/api/v1/customers/$cid/sites" -H "Authorization: Bearer $token")
lyon=$(python3 -c 'import json,sys; print([s["id"] for s in json.loads(sys.argv[1])["items"] if s["name"]=="Lyon"][0])' "$sites")
for q in "" "site=$lyon" "type=Cisco%206841" "state=registered" "state=aged" "state=unregistered" \
         "q=0200000ABC" "q=00:0a:bc" "q=Lyon" "q=yealink" "site=$lyon&state=aged&type=Cisco%207841" "page=19999" \
         "page=10000" "q=0c" "q=e"; do  # the middle page (the most rows OFFSET skips), 2- and 1-character fragments
  times=()
  for _ in 1 2 3 4 5; do
    times+=("$(curl -s -o "$tmp/f.json" -w '%{time_total}' "$URL/api/v1/customers/$cid/devices?$q" -H "Authorization: Bearer $token")")
  done
  total=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["total"])' "$tmp/f.json")
  python3 - "${q:-(none)}" "$total" "${times[@]}" <<'PY'
import sys, statistics
q, total, ts = sys.argv[1], sys.argv[2], [float(t) * 1000 for t in sys.argv[3:]]
m = statistics.median(ts)
print(f"   {q:<42} total {total:>8}  {m:8.1f} ms  {'ok' if m < 50 else 'SLOW'}")
PY
done

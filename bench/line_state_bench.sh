#!/usr/bin/env bash
# Issue 5 benchmark: exporting 1,000,000 line states as CSV, ours (the streamed export over
# HTTP, limits included) against the sqlite3 shell writing the same columns from the same
# database in the same run; and the server's peak memory growth during the export.
# Goals: time <= 1.0x the sqlite3 shell; peak memory growth <= 32 MB. Then (issue 19) the
# Line States page at 1,000,000 lines: under 50 ms at any depth and with each filter.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
bin=${PHONEFLEET_BIN:-$root/build/bin}  # another build's programs: PHONEFLEET_BIN=build/<dir>/bin
DEVICES=${DEVICES:-${BENCH_QUICK:+200}}; DEVICES=${DEVICES:-62500}  # x 16 ports = 1,000,000 lines (BENCH_QUICK=1: 200 devices)
for tool in bc sqlite3 curl python3; do
  command -v "$tool" >/dev/null || { echo "line_state_bench: $tool is missing (scripts/install-deps.sh)"; exit 1; }
done
tmp=$(mktemp -d)
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; rm -rf "$tmp"; }
trap cleanup EXIT

wait_listening() { for _ in $(seq 200); do grep -q "^listening on" "$1" && return 0; sleep 0.1; done; return 1; }
"$bin/phonefleet-server" --demo --db "$tmp/db.sqlite" --http 127.0.0.1:0 --sip 127.0.0.1:0 --static "$tmp" >"$tmp/seed.log" 2>&1 &
seed=$!
wait_listening "$tmp/seed.log"
kill "$seed"
for _ in $(seq 50); do kill -0 "$seed" 2>/dev/null || break; sleep 0.1; done
now=$(date +%s)
echo "-- building $DEVICES devices x 16 lines"
sqlite3 "$tmp/db.sqlite" <<SQL
BEGIN;
WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i < $DEVICES - 1)
INSERT INTO devices(mac, customer_id, site_id, device_type_id, created_at)
SELECT printf('0300%08X', i), c.id, s.id, (SELECT id FROM device_types WHERE name = 'Yealink T54W'), 0
FROM n, customers c JOIN sites s ON s.customer_id = c.id AND s.name = CASE WHEN i % 3 = 0 THEN 'Lyon' ELSE 'Paris' END
WHERE c.name = 'Café Lumière';
WITH RECURSIVE p(port) AS (SELECT 1 UNION ALL SELECT port + 1 FROM p WHERE port < 16)
INSERT INTO lines(device_mac, port, phone_number, extension, sip_ha1_md5, sip_ha1_sha256)
SELECT d.mac, p.port, '34' || substr(d.mac, 5) || printf('%02d', p.port), printf('%02d', p.port), '', ''
FROM devices d, p WHERE d.mac LIKE '0300%';
COMMIT;
-- A quarter of the lines registered, a tenth lapsed within the aging window (Aged), so that each
-- state filter has rows (the triggers keep the state instants and counts as the registrar's writes).
BEGIN;
INSERT INTO registrations(line_id, contact_uri, remote_addr, host_ip, registered_to, user_agent, registered_at, expires_at)
SELECT l.id, 'sip:' || l.phone_number || '@192.0.2.10:5062', '198.51.100.7:5062', '192.0.2.10', '127.0.0.1:5060',
  'Yealink SIP-T54W 96.86.0.70', $now - 600, CASE WHEN l.id % 10 = 1 THEN $now - 300 ELSE $now + 3000 END
FROM lines l WHERE l.device_mac LIKE '0300%' AND (l.id % 4 = 0 OR l.id % 10 = 1);
COMMIT;
SQL
lines=$(sqlite3 "$tmp/db.sqlite" "SELECT count(*) FROM lines")
echo "   $lines lines"

"$bin/phonefleet-server" --db "$tmp/db.sqlite" --http 127.0.0.1:0 --sip 127.0.0.1:0 --static "$tmp" >"$tmp/server.log" 2>&1 &
server=$!
pids+=($server)
wait_listening "$tmp/server.log"
url=$(sed -n 's/^listening on //p' "$tmp/server.log")
token=$(curl -s -X POST "$url/api/v1/auth/login" -d '{"username":"client-admin","password":"client-demo"}' |
  python3 -c 'import json,sys; print(json.load(sys.stdin)["token"])')
cid=$(curl -s "$url/api/v1/customers" -H "Authorization: Bearer $token" | python3 -c 'import json,sys; print(json.load(sys.stdin)["items"][0]["id"])')
# Resident memory sampled every 20 ms during the export (VmHWM would show the 64 MiB that the
# argon2id password check of the login just used).
rss() { sed -n 's/^VmRSS:\s*\([0-9]*\) kB/\1/p' "/proc/$server/status"; }
before=$(rss)
( peak=$before; while [ ! -f "$tmp/done" ]; do v=$(rss); if [ "$v" -gt "$peak" ]; then peak=$v; fi; sleep 0.02; done
  echo "$peak" >"$tmp/peak" ) &
sampler=$!
ours=$(curl -s -o "$tmp/ours.csv" -w '%{time_total}' "$url/api/v1/customers/$cid/line-states/export.csv?site=all" \
  -H "Authorization: Bearer $token")
touch "$tmp/done"
wait "$sampler"
after=$(cat "$tmp/peak")

start=$(date +%s.%N)
sqlite3 -csv -header "$tmp/db.sqlite" >"$tmp/ref.csv" <<SQL
SELECT s.name AS site, d.mac, t.name AS device_type, l.port, l.phone_number, l.extension,
  CASE WHEN r.id IS NULL THEN 'unregistered'
       WHEN r.expires_at > $now AND r.probe_failed_at IS NULL THEN 'registered'
       WHEN $now - min(r.expires_at, coalesce(r.probe_failed_at, r.expires_at)) < 86400 THEN 'aged'
       ELSE 'unregistered' END AS state,
  r.remote_addr AS remote_ip, r.host_ip, r.registered_to, r.user_agent,
  strftime('%Y-%m-%dT%H:%M:%SZ', r.registered_at, 'unixepoch') AS registered_at,
  strftime('%Y-%m-%dT%H:%M:%SZ', r.expires_at, 'unixepoch') AS expires_at
FROM devices d JOIN sites s ON s.id = d.site_id JOIN device_types t ON t.id = d.device_type_id
JOIN lines l ON l.device_mac = d.mac LEFT JOIN registrations r ON r.line_id = l.id
WHERE d.customer_id = $cid ORDER BY s.name, d.mac, l.port;
SQL
ref=$(echo "$(date +%s.%N) - $start" | bc)
python3 - "$ours" "$ref" "$before" "$after" "$(wc -l <"$tmp/ours.csv")" "$(wc -l <"$tmp/ref.csv")" "$(stat -c %s "$tmp/ours.csv")" <<'PY'
import sys
ours, ref = float(sys.argv[1]), float(sys.argv[2])
before, after, rows_ours, rows_ref, size = (int(x) for x in sys.argv[3:])
r = ours / ref
grow = (after - before) / 1024
print(f"   phonefleet export.csv  {ours * 1000:8.0f} ms  {rows_ours - 1} rows, {size / 1e6:.0f} MB")
print(f"   sqlite3 shell          {ref * 1000:8.0f} ms  {rows_ref - 1} rows")
print(f"   ratio {r:.2f} (goal <= 1.0: {'met' if r <= 1.0 else 'NOT met'});"
      f" server peak memory +{grow:.1f} MB (goal <= 32: {'met' if grow <= 32 else 'NOT met'})")
PY

# What the Line States page asks while someone scrolls (median of 5). Goal (issue 19): under
# 50 ms for the first, a middle and the last page, by page= and by cursor=, and for each filter.
# Every answer carries the counts per state and site.
page_ms() {
  for _ in 1 2 3 4 5; do
    curl -s -o /dev/null -w '%{time_total}\n' "$url/api/v1/customers/$cid/line-states?$1" -H "Authorization: Bearer $token"
  done | sort -n | sed -n 3p | awk '{printf "%.1f", $1 * 1000}'
}
next_cursor() {
  curl -s "$url/api/v1/customers/$cid/line-states?$1" -H "Authorization: Bearer $token" |
    python3 -c 'import json,sys; print(json.load(sys.stdin)["next_cursor"] or "")'
}
met=0; missed=0
timed() {
  local ms; ms=$(page_ms "$1")
  if awk -v m="$ms" 'BEGIN { exit !(m < 50) }'; then verdict=met; met=$((met + 1)); else verdict="NOT met"; missed=$((missed + 1)); fi
  printf '   %-62s %8s ms  (goal < 50 ms: %s)\n' "$2" "$ms" "$verdict"
}
lyon=$(sqlite3 "$tmp/db.sqlite" "SELECT id FROM sites WHERE customer_id = $cid AND name = 'Lyon'")
echo "-- Line States page of 250 rows at $lines lines (median of 5)"
middle=$((lines / 500)); last=$(((lines + 249) / 250))
p="site=all&per_page=250"
timed "$p&page=1" "first page (page=1)"
timed "$p&page=$middle" "middle page (page=$middle)"
timed "$p&page=$last" "last page (page=$last)"
timed "$p&cursor=$(next_cursor "$p&page=$((middle - 1))")" "middle page by cursor"
timed "$p&cursor=$(next_cursor "$p&page=$((last - 1))")" "last page by cursor"
for f in "site=$lyon" "type=Yealink%20T54W" "state=registered" "state=aged" "state=unregistered" \
         "site=$lyon&state=registered" "q=0300000A" "q=F42" "q=00F4233" "q=340000F4" "q=Lyon" "q=T54W" "q=3400" "q=12"; do
  timed "per_page=250&$f" "filter $f, first page"
  timed "per_page=250&$f&cursor=$(next_cursor "per_page=250&$f&page=$middle")" "filter $f, deep page by cursor"
done
echo "   goal < 50 ms met by $met of $((met + missed)) pages"

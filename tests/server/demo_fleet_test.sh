#!/usr/bin/env bash
# The demo of make run: the server and the simulated phones show all three states, a probe
# answers, and a reboot of an online phone is confirmed by its fresh REGISTER.
set -euo pipefail
bin=$1
tmp=$(mktemp -d)
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; rm -rf "$tmp"; }
trap cleanup EXIT
fail() { echo "FAIL: $*"; exit 1; }
sip_port=$((30000 + RANDOM % 20000))
"$bin/phonefleet-server" --demo --db "$tmp/db.sqlite" --http 127.0.0.1:0 --sip "127.0.0.1:$sip_port" \
  --sip-min-expires 2 --static "$tmp" >"$tmp/server.log" 2>&1 &
pids+=($!)
for _ in $(seq 100); do grep -q "^listening on" "$tmp/server.log" && break; sleep 0.1; done
url=$(sed -n 's/^listening on //p' "$tmp/server.log")
[ -n "$url" ] || fail "server did not start: $(cat "$tmp/server.log")"
"$bin/phonefleet-demo-fleet" --sip "127.0.0.1:$sip_port" --vanishing-expires 2 >"$tmp/fleet.log" 2>&1 &
pids+=($!)
token=$(curl -s -X POST "$url/api/v1/auth/login" -d '{"username":"client-admin","password":"client-demo"}' |
  python3 -c 'import json,sys; print(json.load(sys.stdin)["token"])')
auth=(-H "Authorization: Bearer $token")
states() { curl -s "$url/api/v1/customers/1/devices?per_page=100" "${auth[@]}" |
  python3 -c 'import json,sys; print(" ".join(sorted({d["state"] for d in json.load(sys.stdin)["items"]})))'; }
for _ in $(seq 50); do [ "$(states)" = "aged registered unregistered" ] && break; sleep 0.2; done
[ "$(states)" = "aged registered unregistered" ] || fail "states seen: $(states)"
probe=$(curl -s -X POST -d '' "$url/api/v1/devices/001E4A0A0001/probe" "${auth[@]}" |
  python3 -c 'import json,sys; print(json.load(sys.stdin)["probe"]["reachable"])')
[ "$probe" = "True" ] || fail "probe of an online demo phone: $probe"
code=$(curl -s -o "$tmp/reboot.json" -w '%{http_code}' -X POST -d '' "$url/api/v1/devices/001E4A0A0001/reboot" "${auth[@]}")
[ "$code" = 202 ] || fail "reboot answered $code: $(cat "$tmp/reboot.json")"
for _ in $(seq 100); do
  state=$(curl -s "$url/api/v1/devices/001E4A0A0001/status" "${auth[@]}" |
    python3 -c 'import json,sys; print((json.load(sys.stdin).get("reboot") or {}).get("state"))')
  [ "$state" = confirmed ] && break
  sleep 0.2
done
[ "$state" = confirmed ] || fail "reboot state: $state"
echo "demo fleet: 3 passed, 0 failed"

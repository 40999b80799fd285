#!/usr/bin/env bash
# GET /metrics of the real binary, checked by Debian's `promtool check metrics` (F22, issue 17):
# the exposition parses, counters end in _total, every family has HELP and TYPE.
set -euo pipefail
bin=$1
tmp=$(mktemp -d)
pid=""
cleanup() { [ -n "$pid" ] && kill "$pid" 2>/dev/null; rm -rf "$tmp"; }
trap cleanup EXIT
fail() { echo "FAIL: $*"; exit 1; }
command -v promtool >/dev/null || fail "promtool missing (Debian package prometheus; scripts/install-deps.sh)"

mkdir -p "$tmp/static"
"$bin" --demo --db "$tmp/db.sqlite" --http 127.0.0.1:0 --sip 127.0.0.1:0 --static "$tmp/static" >"$tmp/out" 2>&1 &
pid=$!
for _ in $(seq 100); do grep -q "listening on" "$tmp/out" && break; sleep 0.1; done
url=$(sed -n 's/^listening on //p' "$tmp/out")
[ -n "$url" ] || fail "server did not start: $(cat "$tmp/out")"
# Some traffic first, so that the counters are not all zero: a wrong login, a 404, a healthz.
curl -s -o /dev/null -X POST "$url/api/v1/auth/login" -d '{"username":"operator","password":"wrong"}'
curl -s -o /dev/null "$url/api/v1/nowhere"
curl -s -o /dev/null "$url/healthz"
curl -s -D "$tmp/headers" "$url/metrics" >"$tmp/metrics" || fail "GET /metrics"
grep -qi '^content-type: text/plain; version=0.0.4' "$tmp/headers" || fail "content type: $(cat "$tmp/headers")"
promtool check metrics <"$tmp/metrics" || fail "promtool check metrics refused the exposition"
for name in process_resident_memory_bytes process_cpu_seconds_total process_open_fds \
            phonefleet_login_failures_total phonefleet_http_requests_total phonefleet_password_checks_in_flight \
            phonefleet_export_running phonefleet_export_waiting phonefleet_sip_messages_total; do
  grep -q "^$name" "$tmp/metrics" || fail "$name missing"
done
grep -q '^phonefleet_login_failures_total 1$' "$tmp/metrics" || fail "the wrong login is not counted"
grep -q '^phonefleet_http_requests_total{code="4xx"} [1-9]' "$tmp/metrics" || fail "4xx answers not counted"
rss=$(sed -n 's/^process_resident_memory_bytes //p' "$tmp/metrics")
echo "metrics: promtool accepts them; resident memory ${rss} bytes"

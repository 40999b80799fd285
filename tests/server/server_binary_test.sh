#!/usr/bin/env bash
# The real binary: --help, a bad flag, start on a free port with a fresh SQLite file, answer,
# stop cleanly on SIGTERM.
set -euo pipefail
bin=$1
tmp=$(mktemp -d)
pid=""
cleanup() { [ -n "$pid" ] && kill "$pid" 2>/dev/null; rm -rf "$tmp"; }
trap cleanup EXIT
fail() { echo "FAIL: $*"; exit 1; }

"$bin" --help | grep -q -- "--export-concurrency" || fail "--help does not list the flags"
set +e; "$bin" --no-such-flag 2>"$tmp/err"; rc=$?; set -e
[ "$rc" = 2 ] || fail "unknown flag should exit 2, got $rc"
grep -q "unknown flag --no-such-flag" "$tmp/err" || fail "unknown flag not named"
set +e; "$bin" --export-concurrency 7 2>"$tmp/err"; rc=$?; set -e
[ "$rc" = 2 ] || fail "--export-concurrency 7 should be refused (2-3)"

"$bin" --demo --db "$tmp/db.sqlite" --http 127.0.0.1:0 --sip 127.0.0.1:0 --static "$tmp" >"$tmp/out" 2>&1 &
pid=$!
for _ in $(seq 100); do grep -q "listening on" "$tmp/out" && break; sleep 0.1; done
url=$(sed -n 's/^listening on //p' "$tmp/out")
[ -n "$url" ] || fail "server did not start: $(cat "$tmp/out")"
[ "$(curl -s "$url/healthz")" = "ok" ] || fail "healthz"
code=$(curl -s -o /dev/null -w '%{http_code}' -X POST "$url/api/v1/auth/login" -d '{"username":"operator","password":"operator-demo"}')
[ "$code" = 200 ] || fail "login answered $code"
kill -TERM "$pid"
for _ in $(seq 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
kill -0 "$pid" 2>/dev/null && fail "server did not stop on SIGTERM"
wait "$pid" || fail "server exited non-zero after SIGTERM"
pid=""
grep -q stopped "$tmp/out" || fail "no clean stop"
echo "server binary: all checks passed"

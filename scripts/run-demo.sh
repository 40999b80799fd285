#!/usr/bin/env bash
# make run: the server on the demo database, and the simulated phones of the demo beside it
# (real SIP over loopback, see server/demo/demo_fleet.hpp). Ctrl-C stops both.
set -euo pipefail
cd "$(dirname "$0")/.."
HTTP=${HTTP:-127.0.0.1:8080}
SIP=${SIP:-127.0.0.1:5060}
DB=${DB:-data/phonefleet.db}
mkdir -p "$(dirname "$DB")"

build/bin/phonefleet-server --demo --db "$DB" --http "$HTTP" --sip "$SIP" &
server=$!
fleet=""
stop() { [ -n "$fleet" ] && kill "$fleet" 2>/dev/null; kill "$server" 2>/dev/null; wait 2>/dev/null; }
trap stop INT TERM EXIT
for _ in $(seq 100); do curl -sf "http://$HTTP/healthz" >/dev/null && break; sleep 0.1; done
build/bin/phonefleet-demo-fleet --sip "$SIP" &
fleet=$!
echo
echo "PhoneFleet: open http://$HTTP/ and log in as client-admin / client-demo"
echo "(simulated phones: a third online, a third that vanish after a minute (Aged), a third never seen)"
wait "$server"

#!/usr/bin/env python3
"""Seeds N one-line devices of Cafe Lumiere into a PhoneFleet database that a --demo run has
created (migrated, catalog and tenants present), each line with its digest HA1s, and writes the
same users for the SIP peers of the benchmarks:
  --sipp CSV        sipp injection file: user;[authentication username=... password=...]
  --kamailio DB     Kamailio subscriber rows (auth_db, ha1 column) in that SQLite file
Passwords are "pw-" + number; the realm is the SIP domain (default phonefleet.local)."""
import argparse
import hashlib
import sqlite3
import time

p = argparse.ArgumentParser()
p.add_argument("db")
p.add_argument("count", type=int)
p.add_argument("--realm", default="phonefleet.local")
p.add_argument("--sipp")
p.add_argument("--kamailio")
a = p.parse_args()

users = ["336%08d" % i for i in range(a.count)]
password = {u: "pw-" + u for u in users}
ha1 = {u: hashlib.md5(f"{u}:{a.realm}:{password[u]}".encode()).hexdigest() for u in users}

db = sqlite3.connect(a.db)
customer, site = db.execute(
    "SELECT c.id, s.id FROM customers c JOIN sites s ON s.customer_id = c.id"
    " WHERE c.name = 'Café Lumière' ORDER BY s.id LIMIT 1").fetchone()
device_type = db.execute("SELECT id FROM device_types WHERE dect = 0 AND ports >= 1 ORDER BY id LIMIT 1").fetchone()[0]
now = int(time.time())
with db:
    db.executemany(
        "INSERT INTO devices(mac, customer_id, site_id, device_type_id, created_at) VALUES(?, ?, ?, ?, ?)",
        [("0300%08X" % i, customer, site, device_type, now) for i in range(a.count)])
    db.executemany(
        "INSERT INTO lines(device_mac, port, phone_number, extension, sip_ha1_md5, sip_ha1_sha256)"
        " VALUES(?, 1, ?, ?, ?, ?)",
        [("0300%08X" % i, u, str(1000 + i), ha1[u],
          hashlib.sha256(f"{u}:{a.realm}:{password[u]}".encode()).hexdigest()) for i, u in enumerate(users)])
db.close()

if a.sipp:
    with open(a.sipp, "w") as f:
        f.write("SEQUENTIAL\n")
        for u in users:
            f.write(f"{u};[authentication username={u} password={password[u]}]\n")

if a.kamailio:
    k = sqlite3.connect(a.kamailio)
    with k:
        k.executemany("INSERT INTO subscriber(username, domain, password, ha1, ha1b) VALUES(?, ?, '', ?, '')",
                      [(u, a.realm, ha1[u]) for u in users])
    k.close()

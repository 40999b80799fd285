#include "store/schema.hpp"

#include <string>
#include <vector>

namespace phonefleet::store {
namespace {

// A normalised MAC (12 upper-case hex digits) as its 48-bit integer, in SQL that any SQLite
// runs (triggers also fire in the sqlite3 shell, so no application function): the rowid of
// the device in the MAC search index of migration 8. printf('%012X', rowid) reverses it.
std::string mac_as_integer(const std::string& mac) {
    std::string sql;
    for (int i = 0; i < 12; ++i) {
        if (i > 0) sql += " | ";
        sql += "((instr('0123456789ABCDEF', substr(" + mac + ", " + std::to_string(i + 1) + ", 1)) - 1) << " +
               std::to_string(4 * (11 - i)) + ")";
    }
    return sql;
}

// The distinct one- and two-character fragments of a normalised MAC, as a subquery with one
// column `fragment` (json_each as the list of positions: triggers cannot use WITH).
std::string mac_short_fragments(const std::string& mac) {
    return "SELECT substr(" + mac + ", value, 1) AS fragment FROM json_each('[1,2,3,4,5,6,7,8,9,10,11,12]')"
           " UNION SELECT substr(" + mac + ", value, 2) FROM json_each('[1,2,3,4,5,6,7,8,9,10,11]')";
}

// Append only: a released migration is never edited, a change is a new entry.
const std::vector<std::string> kMigrations = {
    // 1: tenancy, catalog, accounts, inventory, lines, registrations.
    R"sql(
CREATE TABLE providers(
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL UNIQUE,
  line_state_export INTEGER NOT NULL DEFAULT 0
);
CREATE TABLE customers(
  id INTEGER PRIMARY KEY,
  provider_id INTEGER NOT NULL REFERENCES providers(id),
  name TEXT NOT NULL,
  UNIQUE(provider_id, name)
);
CREATE TABLE sites(
  id INTEGER PRIMARY KEY,
  customer_id INTEGER NOT NULL REFERENCES customers(id) ON DELETE CASCADE,
  name TEXT NOT NULL,
  UNIQUE(customer_id, name)
);
CREATE TABLE device_types(
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL UNIQUE COLLATE NOCASE,
  vendor TEXT NOT NULL,
  ports INTEGER NOT NULL CHECK(ports BETWEEN 1 AND 64),
  dect INTEGER NOT NULL DEFAULT 0,
  reboot_event TEXT NOT NULL
);
CREATE TABLE site_device_types(
  site_id INTEGER NOT NULL REFERENCES sites(id) ON DELETE CASCADE,
  device_type_id INTEGER NOT NULL REFERENCES device_types(id),
  PRIMARY KEY(site_id, device_type_id)
) WITHOUT ROWID;
CREATE TABLE users(
  id INTEGER PRIMARY KEY,
  username TEXT NOT NULL UNIQUE,
  password_hash TEXT NOT NULL,
  role TEXT NOT NULL CHECK(role IN ('operator','provider_admin','customer_admin')),
  provider_id INTEGER REFERENCES providers(id),
  customer_id INTEGER REFERENCES customers(id)
);
CREATE TABLE sessions(
  token_hash TEXT PRIMARY KEY,
  user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  created_at INTEGER NOT NULL,
  expires_at INTEGER NOT NULL
) WITHOUT ROWID;
CREATE TABLE devices(
  mac TEXT PRIMARY KEY,
  customer_id INTEGER NOT NULL REFERENCES customers(id),
  site_id INTEGER NOT NULL REFERENCES sites(id),
  device_type_id INTEGER NOT NULL REFERENCES device_types(id),
  multicell_station_id TEXT,
  created_at INTEGER NOT NULL
) WITHOUT ROWID;
CREATE INDEX devices_by_customer ON devices(customer_id, mac);
CREATE INDEX devices_by_site ON devices(site_id, mac);
CREATE TABLE lines(
  id INTEGER PRIMARY KEY,
  device_mac TEXT NOT NULL REFERENCES devices(mac) ON DELETE CASCADE,
  port INTEGER NOT NULL,
  phone_number TEXT NOT NULL UNIQUE,
  extension TEXT NOT NULL,
  display_name TEXT NOT NULL DEFAULT '',
  sip_ha1_md5 TEXT NOT NULL,
  sip_ha1_sha256 TEXT NOT NULL,
  UNIQUE(device_mac, port)
);
CREATE TABLE registrations(
  id INTEGER PRIMARY KEY,
  line_id INTEGER NOT NULL REFERENCES lines(id) ON DELETE CASCADE,
  contact_uri TEXT NOT NULL,
  remote_addr TEXT NOT NULL DEFAULT '',
  host_ip TEXT NOT NULL DEFAULT '',
  registered_to TEXT NOT NULL DEFAULT '',
  user_agent TEXT NOT NULL DEFAULT '',
  registered_at INTEGER NOT NULL,
  expires_at INTEGER NOT NULL,
  probe_failed_at INTEGER,
  UNIQUE(line_id, contact_uri)
);
)sql",
    // 2: audit trail, API tokens, last probe result of a device.
    R"sql(
CREATE TABLE audit_events(
  id INTEGER PRIMARY KEY,
  at INTEGER NOT NULL,
  actor TEXT NOT NULL,
  provider_id INTEGER,
  customer_id INTEGER,
  action TEXT NOT NULL,
  target TEXT NOT NULL DEFAULT '',
  outcome TEXT NOT NULL,
  detail TEXT NOT NULL DEFAULT ''
);
CREATE INDEX audit_by_customer ON audit_events(customer_id, id);
CREATE INDEX audit_by_provider ON audit_events(provider_id, id);
CREATE TABLE api_tokens(
  id INTEGER PRIMARY KEY,
  user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  name TEXT NOT NULL,
  can_write INTEGER NOT NULL,
  token_hash TEXT NOT NULL UNIQUE,
  created_at INTEGER NOT NULL
);
ALTER TABLE devices ADD COLUMN probe_reachable INTEGER;
ALTER TABLE devices ADD COLUMN probe_rtt_ms INTEGER;
ALTER TABLE devices ADD COLUMN probe_checked_at INTEGER;
CREATE INDEX lines_by_device ON lines(device_mac, port);
)sql",
    // 3: what lists need per request without scanning: device counts per customer and site,
    // and per device the two instants the state rule of SPEC 3 depends on, kept by triggers
    // whoever writes registrations. healthy_until = latest expiry among bindings without an
    // unanswered probe (Registered while in the future); aged_since = latest moment a binding
    // lapsed or stopped answering (Aged for the aging window after it).
    R"sql(
ALTER TABLE customers ADD COLUMN device_count INTEGER NOT NULL DEFAULT 0;
ALTER TABLE sites ADD COLUMN device_count INTEGER NOT NULL DEFAULT 0;
UPDATE customers SET device_count = (SELECT count(*) FROM devices d WHERE d.customer_id = customers.id);
UPDATE sites SET device_count = (SELECT count(*) FROM devices d WHERE d.site_id = sites.id);
CREATE TRIGGER devices_count_insert AFTER INSERT ON devices BEGIN
  UPDATE customers SET device_count = device_count + 1 WHERE id = NEW.customer_id;
  UPDATE sites SET device_count = device_count + 1 WHERE id = NEW.site_id;
END;
CREATE TRIGGER devices_count_delete AFTER DELETE ON devices BEGIN
  UPDATE customers SET device_count = device_count - 1 WHERE id = OLD.customer_id;
  UPDATE sites SET device_count = device_count - 1 WHERE id = OLD.site_id;
END;
CREATE TRIGGER devices_count_move AFTER UPDATE OF customer_id, site_id ON devices BEGIN
  UPDATE customers SET device_count = device_count - 1 WHERE id = OLD.customer_id;
  UPDATE sites SET device_count = device_count - 1 WHERE id = OLD.site_id;
  UPDATE customers SET device_count = device_count + 1 WHERE id = NEW.customer_id;
  UPDATE sites SET device_count = device_count + 1 WHERE id = NEW.site_id;
END;

ALTER TABLE devices ADD COLUMN healthy_until INTEGER;
ALTER TABLE devices ADD COLUMN aged_since INTEGER;
CREATE INDEX devices_by_customer_state ON devices(customer_id, healthy_until, aged_since);
CREATE VIEW device_binding_times AS
  SELECT l.device_mac AS mac,
         max(CASE WHEN r.probe_failed_at IS NULL THEN r.expires_at END) AS healthy_until,
         max(min(r.expires_at, coalesce(r.probe_failed_at, r.expires_at))) AS aged_since
  FROM lines l JOIN registrations r ON r.line_id = l.id GROUP BY l.device_mac;
CREATE TRIGGER registrations_times_insert AFTER INSERT ON registrations BEGIN
  UPDATE devices SET
    healthy_until = (SELECT healthy_until FROM device_binding_times t WHERE t.mac = devices.mac),
    aged_since = (SELECT aged_since FROM device_binding_times t WHERE t.mac = devices.mac)
  WHERE mac = (SELECT device_mac FROM lines WHERE id = NEW.line_id);
END;
CREATE TRIGGER registrations_times_update AFTER UPDATE ON registrations BEGIN
  UPDATE devices SET
    healthy_until = (SELECT healthy_until FROM device_binding_times t WHERE t.mac = devices.mac),
    aged_since = (SELECT aged_since FROM device_binding_times t WHERE t.mac = devices.mac)
  WHERE mac IN (SELECT device_mac FROM lines WHERE id IN (NEW.line_id, OLD.line_id));
END;
CREATE TRIGGER registrations_times_delete AFTER DELETE ON registrations BEGIN
  UPDATE devices SET
    healthy_until = (SELECT healthy_until FROM device_binding_times t WHERE t.mac = devices.mac),
    aged_since = (SELECT aged_since FROM device_binding_times t WHERE t.mac = devices.mac)
  WHERE mac = (SELECT device_mac FROM lines WHERE id = OLD.line_id);
END;
CREATE TRIGGER lines_times_delete AFTER DELETE ON lines BEGIN
  UPDATE devices SET
    healthy_until = (SELECT healthy_until FROM device_binding_times t WHERE t.mac = devices.mac),
    aged_since = (SELECT aged_since FROM device_binding_times t WHERE t.mac = devices.mac)
  WHERE mac = OLD.device_mac;
END;
)sql",
    // 4: reboots (F4): the last one asked of each device and whether it was confirmed.
    R"sql(
CREATE TABLE reboots(
  device_mac TEXT PRIMARY KEY REFERENCES devices(mac) ON DELETE CASCADE,
  state TEXT NOT NULL,
  at INTEGER NOT NULL,
  sent_at INTEGER NOT NULL,
  confirm_deadline INTEGER NOT NULL DEFAULT 0,
  sip_status INTEGER,
  sip_reason TEXT NOT NULL DEFAULT ''
) WITHOUT ROWID;
CREATE INDEX reboots_by_state ON reboots(state, confirm_deadline);
)sql",
    // 5: kiosk tokens (F14): read the line states of one customer, nothing else. Only a digest of
    // the token is kept, as for sessions and API tokens.
    R"sql(
CREATE TABLE kiosk_tokens(
  id INTEGER PRIMARY KEY,
  customer_id INTEGER NOT NULL REFERENCES customers(id) ON DELETE CASCADE,
  name TEXT NOT NULL,
  token_hash TEXT NOT NULL UNIQUE,
  created_by TEXT NOT NULL,
  created_at INTEGER NOT NULL
);
CREATE INDEX kiosk_tokens_by_customer ON kiosk_tokens(customer_id, id);
)sql",
    // 6: the triggers of migration 3 read a grouped view, which SQLite aggregated over every
    // binding at each change (a bulk insert of registrations went quadratic). They now look up
    // the device's own bindings through the indexes.
    R"sql(
DROP TRIGGER registrations_times_insert;
DROP TRIGGER registrations_times_update;
DROP TRIGGER registrations_times_delete;
DROP TRIGGER lines_times_delete;
DROP VIEW device_binding_times;
CREATE TRIGGER registrations_times_insert AFTER INSERT ON registrations BEGIN
  UPDATE devices SET
    healthy_until = (SELECT max(CASE WHEN r.probe_failed_at IS NULL THEN r.expires_at END)
                     FROM lines l JOIN registrations r ON r.line_id = l.id WHERE l.device_mac = devices.mac),
    aged_since = (SELECT max(min(r.expires_at, coalesce(r.probe_failed_at, r.expires_at)))
                  FROM lines l JOIN registrations r ON r.line_id = l.id WHERE l.device_mac = devices.mac)
  WHERE mac = (SELECT device_mac FROM lines WHERE id = NEW.line_id);
END;
CREATE TRIGGER registrations_times_update AFTER UPDATE ON registrations BEGIN
  UPDATE devices SET
    healthy_until = (SELECT max(CASE WHEN r.probe_failed_at IS NULL THEN r.expires_at END)
                     FROM lines l JOIN registrations r ON r.line_id = l.id WHERE l.device_mac = devices.mac),
    aged_since = (SELECT max(min(r.expires_at, coalesce(r.probe_failed_at, r.expires_at)))
                  FROM lines l JOIN registrations r ON r.line_id = l.id WHERE l.device_mac = devices.mac)
  WHERE mac IN (SELECT device_mac FROM lines WHERE id IN (NEW.line_id, OLD.line_id));
END;
CREATE TRIGGER registrations_times_delete AFTER DELETE ON registrations BEGIN
  UPDATE devices SET
    healthy_until = (SELECT max(CASE WHEN r.probe_failed_at IS NULL THEN r.expires_at END)
                     FROM lines l JOIN registrations r ON r.line_id = l.id WHERE l.device_mac = devices.mac),
    aged_since = (SELECT max(min(r.expires_at, coalesce(r.probe_failed_at, r.expires_at)))
                  FROM lines l JOIN registrations r ON r.line_id = l.id WHERE l.device_mac = devices.mac)
  WHERE mac = (SELECT device_mac FROM lines WHERE id = OLD.line_id);
END;
CREATE TRIGGER lines_times_delete AFTER DELETE ON lines BEGIN
  UPDATE devices SET
    healthy_until = (SELECT max(CASE WHEN r.probe_failed_at IS NULL THEN r.expires_at END)
                     FROM lines l JOIN registrations r ON r.line_id = l.id WHERE l.device_mac = devices.mac),
    aged_since = (SELECT max(min(r.expires_at, coalesce(r.probe_failed_at, r.expires_at)))
                  FROM lines l JOIN registrations r ON r.line_id = l.id WHERE l.device_mac = devices.mac)
  WHERE mac = OLD.device_mac;
END;
)sql",
    // 7: indexes that answer each list filter by a range instead of a scan (1M devices):
    // a type, Registered (healthy_until in the future), Aged (aged_since within the window).
    R"sql(
DROP INDEX devices_by_customer_state;
CREATE INDEX devices_by_customer_type ON devices(customer_id, device_type_id, mac);
CREATE INDEX devices_by_customer_healthy ON devices(customer_id, healthy_until);
CREATE INDEX devices_by_customer_aged ON devices(customer_id, aged_since, healthy_until);
)sql",
    // 8: the device list without scans or per-row lookups (1M devices):
    //  - lines per device kept by triggers (available lines without a subquery per row);
    //  - devices_by_customer carries every column a list row and its filters read, so a page
    //    (and the rows an OFFSET skips) is one walk of one index in MAC order; devices_by_site
    //    carries every filter, for the same walk within one site;
    //  - the state and type indexes carry site and type, so combined filters count in a range;
    //  - device counts per customer, site and type kept by triggers (type filters and the
    //    site and type names of a text search count without a walk);
    //  - the MAC text search (a substring of the stored form) is an FTS5 trigram index, rowid =
    //    the MAC as an integer (contentless: the MAC itself is in devices), kept by triggers.
    R"sql(
ALTER TABLE devices ADD COLUMN line_count INTEGER NOT NULL DEFAULT 0;
UPDATE devices SET line_count = (SELECT count(*) FROM lines l WHERE l.device_mac = devices.mac)
  WHERE mac IN (SELECT device_mac FROM lines);
CREATE TRIGGER lines_count_insert AFTER INSERT ON lines BEGIN
  UPDATE devices SET line_count = line_count + 1 WHERE mac = NEW.device_mac;
END;
CREATE TRIGGER lines_count_delete AFTER DELETE ON lines BEGIN
  UPDATE devices SET line_count = line_count - 1 WHERE mac = OLD.device_mac;
END;
CREATE TRIGGER lines_count_move AFTER UPDATE OF device_mac ON lines BEGIN
  UPDATE devices SET line_count = line_count - 1 WHERE mac = OLD.device_mac;
  UPDATE devices SET line_count = line_count + 1 WHERE mac = NEW.device_mac;
END;

CREATE TABLE device_counts(
  customer_id INTEGER NOT NULL,
  site_id INTEGER NOT NULL,
  device_type_id INTEGER NOT NULL,
  devices INTEGER NOT NULL,
  PRIMARY KEY(customer_id, site_id, device_type_id)
) WITHOUT ROWID;
INSERT INTO device_counts SELECT customer_id, site_id, device_type_id, count(*) FROM devices GROUP BY 1, 2, 3;
CREATE TRIGGER device_counts_insert AFTER INSERT ON devices BEGIN
  INSERT INTO device_counts VALUES(NEW.customer_id, NEW.site_id, NEW.device_type_id, 1)
    ON CONFLICT DO UPDATE SET devices = devices + 1;
END;
CREATE TRIGGER device_counts_delete AFTER DELETE ON devices BEGIN
  UPDATE device_counts SET devices = devices - 1
    WHERE customer_id = OLD.customer_id AND site_id = OLD.site_id AND device_type_id = OLD.device_type_id;
END;
CREATE TRIGGER device_counts_move AFTER UPDATE OF customer_id, site_id, device_type_id ON devices BEGIN
  UPDATE device_counts SET devices = devices - 1
    WHERE customer_id = OLD.customer_id AND site_id = OLD.site_id AND device_type_id = OLD.device_type_id;
  INSERT INTO device_counts VALUES(NEW.customer_id, NEW.site_id, NEW.device_type_id, 1)
    ON CONFLICT DO UPDATE SET devices = devices + 1;
END;

DROP INDEX devices_by_customer;
CREATE INDEX devices_by_customer ON devices(customer_id, mac, site_id, device_type_id, healthy_until, aged_since,
                                            line_count, multicell_station_id);
DROP INDEX devices_by_site;
CREATE INDEX devices_by_site ON devices(site_id, mac, customer_id, device_type_id, healthy_until, aged_since);
DROP INDEX devices_by_customer_type;
CREATE INDEX devices_by_customer_type ON devices(customer_id, device_type_id, mac, site_id);
DROP INDEX devices_by_customer_healthy;
CREATE INDEX devices_by_customer_healthy ON devices(customer_id, healthy_until, site_id, device_type_id);
DROP INDEX devices_by_customer_aged;
CREATE INDEX devices_by_customer_aged ON devices(customer_id, aged_since, healthy_until, site_id, device_type_id);

CREATE VIRTUAL TABLE device_mac_search USING fts5(mac, content='', columnsize=0,
                                                  tokenize='trigram case_sensitive 1');
INSERT INTO device_mac_search(rowid, mac) SELECT )sql" + mac_as_integer("mac") + R"sql(, mac FROM devices;
CREATE TRIGGER devices_search_insert AFTER INSERT ON devices BEGIN
  INSERT INTO device_mac_search(rowid, mac) VALUES()sql" + mac_as_integer("NEW.mac") + R"sql(, NEW.mac);
END;
CREATE TRIGGER devices_search_delete AFTER DELETE ON devices BEGIN
  INSERT INTO device_mac_search(device_mac_search, rowid, mac)
    VALUES('delete', )sql" + mac_as_integer("OLD.mac") + R"sql(, OLD.mac);
END;
CREATE TRIGGER devices_search_update AFTER UPDATE OF mac ON devices BEGIN
  INSERT INTO device_mac_search(device_mac_search, rowid, mac)
    VALUES('delete', )sql" + mac_as_integer("OLD.mac") + R"sql(, OLD.mac);
  INSERT INTO device_mac_search(rowid, mac) VALUES()sql" + mac_as_integer("NEW.mac") + R"sql(, NEW.mac);
END;
)sql",
    // 9: a bulk import (F9) keeps the derived data of migrations 3 and 8 once per batch instead
    // of once per row: while bulk_insert holds a row (only inside the import's own transaction,
    // so no other connection ever sees it), the per-row insert triggers stand aside and the
    // import adds the counts and the MAC search rows set-based (SqliteStore::insert_devices).
    R"sql(
CREATE TABLE bulk_insert(active INTEGER PRIMARY KEY);
DROP TRIGGER devices_count_insert;
CREATE TRIGGER devices_count_insert AFTER INSERT ON devices WHEN NOT EXISTS (SELECT 1 FROM bulk_insert) BEGIN
  UPDATE customers SET device_count = device_count + 1 WHERE id = NEW.customer_id;
  UPDATE sites SET device_count = device_count + 1 WHERE id = NEW.site_id;
END;
DROP TRIGGER device_counts_insert;
CREATE TRIGGER device_counts_insert AFTER INSERT ON devices WHEN NOT EXISTS (SELECT 1 FROM bulk_insert) BEGIN
  INSERT INTO device_counts VALUES(NEW.customer_id, NEW.site_id, NEW.device_type_id, 1)
    ON CONFLICT DO UPDATE SET devices = devices + 1;
END;
DROP TRIGGER devices_search_insert;
CREATE TRIGGER devices_search_insert AFTER INSERT ON devices WHEN NOT EXISTS (SELECT 1 FROM bulk_insert) BEGIN
  INSERT INTO device_mac_search(rowid, mac) VALUES()sql" + mac_as_integer("NEW.mac") + R"sql(, NEW.mac);
END;
)sql",
    // 10: counts of devices by MAC fragment of one or two characters ("0C", "A"), per customer,
    // site and type, kept by triggers: the trigram index cannot answer such a fragment and it
    // matches a large part of any fleet, so its total was a walk of every device (0.3 s at 1M).
    // The page itself stays a walk in MAC order, which finds the first matches quickly.
    // A bulk import (migration 9's flag) adds its counts set-based (SqliteStore::insert_devices).
    R"sql(
CREATE TABLE mac_fragment_counts(
  customer_id INTEGER NOT NULL,
  fragment TEXT NOT NULL,
  site_id INTEGER NOT NULL,
  device_type_id INTEGER NOT NULL,
  devices INTEGER NOT NULL,
  PRIMARY KEY(customer_id, fragment, site_id, device_type_id)
) WITHOUT ROWID;
INSERT INTO mac_fragment_counts(customer_id, fragment, site_id, device_type_id, devices)
  SELECT customer_id, fragment, site_id, device_type_id, count(*) FROM (
    SELECT d.mac, d.customer_id, d.site_id, d.device_type_id, substr(d.mac, p.value, 1) AS fragment
      FROM devices d, json_each('[1,2,3,4,5,6,7,8,9,10,11,12]') p
    UNION
    SELECT d.mac, d.customer_id, d.site_id, d.device_type_id, substr(d.mac, p.value, 2)
      FROM devices d, json_each('[1,2,3,4,5,6,7,8,9,10,11]') p)
  GROUP BY 1, 2, 3, 4;
CREATE TRIGGER mac_fragments_insert AFTER INSERT ON devices WHEN NOT EXISTS (SELECT 1 FROM bulk_insert) BEGIN
  INSERT INTO mac_fragment_counts(customer_id, fragment, site_id, device_type_id, devices)
    SELECT NEW.customer_id, f.fragment, NEW.site_id, NEW.device_type_id, 1 FROM ()sql" + mac_short_fragments("NEW.mac") + R"sql() f
    WHERE true ON CONFLICT DO UPDATE SET devices = devices + 1;
END;
CREATE TRIGGER mac_fragments_delete AFTER DELETE ON devices BEGIN
  UPDATE mac_fragment_counts SET devices = devices - 1
    WHERE customer_id = OLD.customer_id AND site_id = OLD.site_id AND device_type_id = OLD.device_type_id
      AND fragment IN ()sql" + mac_short_fragments("OLD.mac") + R"sql();
END;
CREATE TRIGGER mac_fragments_move AFTER UPDATE OF mac, customer_id, site_id, device_type_id ON devices BEGIN
  UPDATE mac_fragment_counts SET devices = devices - 1
    WHERE customer_id = OLD.customer_id AND site_id = OLD.site_id AND device_type_id = OLD.device_type_id
      AND fragment IN ()sql" + mac_short_fragments("OLD.mac") + R"sql();
  INSERT INTO mac_fragment_counts(customer_id, fragment, site_id, device_type_id, devices)
    SELECT NEW.customer_id, f.fragment, NEW.site_id, NEW.device_type_id, 1 FROM ()sql" + mac_short_fragments("NEW.mac") + R"sql() f
    WHERE true ON CONFLICT DO UPDATE SET devices = devices + 1;
END;
)sql",
    // 11: the Registered and Aged ranges (migration 8's state indexes) hold only the devices
    // that have such an instant: the list's state conditions (d.healthy_until > now, d.aged_since
    // > now - window) imply it, so SQLite still takes them. A device that never registered, as
    // every newly imported one, is in neither: a bulk import of 100,000 devices writes two
    // indexes fewer (~35% of its insert time), and so does every device created.
    R"sql(
DROP INDEX devices_by_customer_healthy;
CREATE INDEX devices_by_customer_healthy ON devices(customer_id, healthy_until, site_id, device_type_id)
  WHERE healthy_until IS NOT NULL;
DROP INDEX devices_by_customer_aged;
CREATE INDEX devices_by_customer_aged ON devices(customer_id, aged_since, healthy_until, site_id, device_type_id)
  WHERE aged_since IS NOT NULL;
)sql",
    // 12: a bulk import switches the triggers off on its own connection while it inserts
    // (SqliteStore::insert_devices, SQLITE_DBCONFIG_ENABLE_TRIGGER) instead of migration 9's
    // flag: the flag's test in each of the four per-row insert triggers cost about a third of
    // a bulk insert of 100,000 devices. The triggers lose their WHEN; the flag's table goes.
    R"sql(
DROP TRIGGER devices_count_insert;
CREATE TRIGGER devices_count_insert AFTER INSERT ON devices BEGIN
  UPDATE customers SET device_count = device_count + 1 WHERE id = NEW.customer_id;
  UPDATE sites SET device_count = device_count + 1 WHERE id = NEW.site_id;
END;
DROP TRIGGER device_counts_insert;
CREATE TRIGGER device_counts_insert AFTER INSERT ON devices BEGIN
  INSERT INTO device_counts VALUES(NEW.customer_id, NEW.site_id, NEW.device_type_id, 1)
    ON CONFLICT DO UPDATE SET devices = devices + 1;
END;
DROP TRIGGER devices_search_insert;
CREATE TRIGGER devices_search_insert AFTER INSERT ON devices BEGIN
  INSERT INTO device_mac_search(rowid, mac) VALUES()sql" + mac_as_integer("NEW.mac") + R"sql(, NEW.mac);
END;
DROP TRIGGER mac_fragments_insert;
CREATE TRIGGER mac_fragments_insert AFTER INSERT ON devices BEGIN
  INSERT INTO mac_fragment_counts(customer_id, fragment, site_id, device_type_id, devices)
    SELECT NEW.customer_id, f.fragment, NEW.site_id, NEW.device_type_id, 1 FROM ()sql" + mac_short_fragments("NEW.mac") + R"sql() f
    WHERE true ON CONFLICT DO UPDATE SET devices = devices + 1;
END;
DROP TABLE bulk_insert;
)sql",
    // 13: the MAC search keeps which devices hold each trigram, not where (detail=none): the
    // list asks for one or two single trigrams and tests every MAC found for the whole text
    // (SqliteStore::list_devices), so positions were written for nothing. A third fewer bytes
    // to write per device: a bulk import of 100,000 devices writes its search rows ~30% faster.
    // The insert triggers of migrations 8 and 12 name the table and stay as they are.
    R"sql(
DROP TABLE device_mac_search;
CREATE VIRTUAL TABLE device_mac_search USING fts5(mac, content='', columnsize=0, detail=none,
                                                  tokenize='trigram case_sensitive 1');
INSERT INTO device_mac_search(rowid, mac) SELECT )sql" + mac_as_integer("mac") + R"sql(, mac FROM devices;
)sql",
    // 14: each binding's Call-ID and CSeq (RFC 3261 10.3 steps 6-7): a REGISTER of the same
    // Call-ID with a CSeq not above the binding's (an old request arriving late) must not change
    // it. Bindings made before know neither: '' matches no Call-ID, so their next REGISTER applies.
    R"sql(
ALTER TABLE registrations ADD COLUMN call_id TEXT NOT NULL DEFAULT '';
ALTER TABLE registrations ADD COLUMN cseq INTEGER NOT NULL DEFAULT 0;
)sql",
    // 15: Line States (F11) at 1M lines without scans, as migrations 3, 7, 8 did for devices:
    //  - each line carries its device's customer, site and type (kept by triggers; devices
    //    never change them today, the move trigger is there for when they do) and its own
    //    two state instants (the rule of SPEC 3 per line, as migration 3 per device), so that a
    //    page, with any filter (numbers and extensions are in the index for the text), is one
    //    walk of one covering index in MAC, port order, and a cursor (MAC, port) is a seek;
    //  - line_counts: lines per customer, site and type, kept by triggers;
    //  - line_state_counts: lines that ever registered, grouped by their two instants, site and
    //    type, kept by triggers: Registered is the range healthy_until > now, Aged the range
    //    aged_since > now - window (state changes with time, counts without a write), and
    //    Unregistered is what remains. A NULL healthy_until is stored as the smallest integer
    //    (a key column cannot be NULL), which no clock passes.
    //  - phone numbers and extensions in an FTS5 trigram index (rowid = line id, contentless,
    //    detail=none) for the text search, as device_mac_search for MACs.
    R"sql(
ALTER TABLE lines ADD COLUMN customer_id INTEGER;
ALTER TABLE lines ADD COLUMN site_id INTEGER;
ALTER TABLE lines ADD COLUMN device_type_id INTEGER;
ALTER TABLE lines ADD COLUMN healthy_until INTEGER;
ALTER TABLE lines ADD COLUMN aged_since INTEGER;
UPDATE lines SET customer_id = d.customer_id, site_id = d.site_id, device_type_id = d.device_type_id
  FROM devices d WHERE d.mac = lines.device_mac;
UPDATE lines SET
  healthy_until = (SELECT max(CASE WHEN r.probe_failed_at IS NULL THEN r.expires_at END)
                   FROM registrations r WHERE r.line_id = lines.id),
  aged_since = (SELECT max(min(r.expires_at, coalesce(r.probe_failed_at, r.expires_at)))
                FROM registrations r WHERE r.line_id = lines.id)
  WHERE id IN (SELECT line_id FROM registrations);

CREATE INDEX lines_by_customer ON lines(customer_id, device_mac, port, site_id, device_type_id, healthy_until,
                                        aged_since, phone_number, extension);
CREATE INDEX lines_by_site ON lines(site_id, device_mac, port, customer_id, device_type_id, healthy_until, aged_since,
                                    phone_number, extension);
CREATE INDEX lines_by_customer_healthy ON lines(customer_id, healthy_until, site_id, device_type_id)
  WHERE healthy_until IS NOT NULL;
CREATE INDEX lines_by_customer_aged ON lines(customer_id, aged_since, healthy_until, site_id, device_type_id)
  WHERE aged_since IS NOT NULL;

CREATE TABLE line_counts(
  customer_id INTEGER NOT NULL,
  site_id INTEGER NOT NULL,
  device_type_id INTEGER NOT NULL,
  lines INTEGER NOT NULL,
  PRIMARY KEY(customer_id, site_id, device_type_id)
) WITHOUT ROWID;
INSERT INTO line_counts SELECT customer_id, site_id, device_type_id, count(*) FROM lines
  WHERE customer_id IS NOT NULL GROUP BY 1, 2, 3;
CREATE TABLE line_state_counts(
  customer_id INTEGER NOT NULL,
  healthy_until INTEGER NOT NULL,
  aged_since INTEGER NOT NULL,
  site_id INTEGER NOT NULL,
  device_type_id INTEGER NOT NULL,
  lines INTEGER NOT NULL,
  PRIMARY KEY(customer_id, healthy_until, aged_since, site_id, device_type_id)
) WITHOUT ROWID;
CREATE INDEX line_state_counts_aged ON line_state_counts(customer_id, aged_since, healthy_until, site_id,
                                                         device_type_id, lines);
INSERT INTO line_state_counts
  SELECT customer_id, coalesce(healthy_until, -9223372036854775808), aged_since, site_id, device_type_id, count(*)
  FROM lines WHERE customer_id IS NOT NULL AND aged_since IS NOT NULL GROUP BY 1, 2, 3, 4, 5;

CREATE TRIGGER lines_owner_insert AFTER INSERT ON lines BEGIN
  UPDATE lines SET customer_id = d.customer_id, site_id = d.site_id, device_type_id = d.device_type_id
    FROM devices d WHERE d.mac = NEW.device_mac AND lines.id = NEW.id;
END;
CREATE TRIGGER devices_lines_move AFTER UPDATE OF customer_id, site_id, device_type_id ON devices BEGIN
  UPDATE lines SET customer_id = NEW.customer_id, site_id = NEW.site_id, device_type_id = NEW.device_type_id
    WHERE device_mac = NEW.mac;
END;
-- A line's owner set (first by lines_owner_insert: OLD is NULL and matches no count) or moved.
CREATE TRIGGER lines_counts_owner AFTER UPDATE OF customer_id, site_id, device_type_id ON lines BEGIN
  UPDATE line_counts SET lines = lines - 1
    WHERE customer_id = OLD.customer_id AND site_id = OLD.site_id AND device_type_id = OLD.device_type_id;
  INSERT INTO line_counts SELECT NEW.customer_id, NEW.site_id, NEW.device_type_id, 1
    WHERE NEW.customer_id IS NOT NULL ON CONFLICT DO UPDATE SET lines = lines + 1;
  UPDATE line_state_counts SET lines = lines - 1
    WHERE customer_id = OLD.customer_id AND healthy_until = coalesce(OLD.healthy_until, -9223372036854775808)
      AND aged_since = OLD.aged_since AND site_id = OLD.site_id AND device_type_id = OLD.device_type_id;
  INSERT INTO line_state_counts SELECT NEW.customer_id, coalesce(NEW.healthy_until, -9223372036854775808),
      NEW.aged_since, NEW.site_id, NEW.device_type_id, 1
    WHERE NEW.customer_id IS NOT NULL AND NEW.aged_since IS NOT NULL ON CONFLICT DO UPDATE SET lines = lines + 1;
END;
CREATE TRIGGER lines_counts_delete AFTER DELETE ON lines BEGIN
  UPDATE line_counts SET lines = lines - 1
    WHERE customer_id = OLD.customer_id AND site_id = OLD.site_id AND device_type_id = OLD.device_type_id;
  DELETE FROM line_state_counts
    WHERE customer_id = OLD.customer_id AND healthy_until = coalesce(OLD.healthy_until, -9223372036854775808)
      AND aged_since = OLD.aged_since AND site_id = OLD.site_id AND device_type_id = OLD.device_type_id AND lines = 1;
  UPDATE line_state_counts SET lines = lines - 1
    WHERE customer_id = OLD.customer_id AND healthy_until = coalesce(OLD.healthy_until, -9223372036854775808)
      AND aged_since = OLD.aged_since AND site_id = OLD.site_id AND device_type_id = OLD.device_type_id;
END;
-- A line's instants changed (a REGISTER, a probe, a lapse, a de-registration): its group moves.
-- Groups that empty are deleted: a key per second of expiry would otherwise pile up.
CREATE TRIGGER lines_state_counts_update AFTER UPDATE OF healthy_until, aged_since ON lines
WHEN OLD.healthy_until IS NOT NEW.healthy_until OR OLD.aged_since IS NOT NEW.aged_since BEGIN
  DELETE FROM line_state_counts
    WHERE customer_id = OLD.customer_id AND healthy_until = coalesce(OLD.healthy_until, -9223372036854775808)
      AND aged_since = OLD.aged_since AND site_id = OLD.site_id AND device_type_id = OLD.device_type_id AND lines = 1;
  UPDATE line_state_counts SET lines = lines - 1
    WHERE customer_id = OLD.customer_id AND healthy_until = coalesce(OLD.healthy_until, -9223372036854775808)
      AND aged_since = OLD.aged_since AND site_id = OLD.site_id AND device_type_id = OLD.device_type_id;
  INSERT INTO line_state_counts SELECT NEW.customer_id, coalesce(NEW.healthy_until, -9223372036854775808),
      NEW.aged_since, NEW.site_id, NEW.device_type_id, 1
    WHERE NEW.customer_id IS NOT NULL AND NEW.aged_since IS NOT NULL ON CONFLICT DO UPDATE SET lines = lines + 1;
END;

-- Each line's instants from its own bindings (registrations(line_id, ...) is indexed).
CREATE TRIGGER registrations_line_times_insert AFTER INSERT ON registrations BEGIN
  UPDATE lines SET
    healthy_until = (SELECT max(CASE WHEN r.probe_failed_at IS NULL THEN r.expires_at END)
                     FROM registrations r WHERE r.line_id = lines.id),
    aged_since = (SELECT max(min(r.expires_at, coalesce(r.probe_failed_at, r.expires_at)))
                  FROM registrations r WHERE r.line_id = lines.id)
  WHERE id = NEW.line_id;
END;
CREATE TRIGGER registrations_line_times_update AFTER UPDATE ON registrations BEGIN
  UPDATE lines SET
    healthy_until = (SELECT max(CASE WHEN r.probe_failed_at IS NULL THEN r.expires_at END)
                     FROM registrations r WHERE r.line_id = lines.id),
    aged_since = (SELECT max(min(r.expires_at, coalesce(r.probe_failed_at, r.expires_at)))
                  FROM registrations r WHERE r.line_id = lines.id)
  WHERE id IN (NEW.line_id, OLD.line_id);
END;
CREATE TRIGGER registrations_line_times_delete AFTER DELETE ON registrations BEGIN
  UPDATE lines SET
    healthy_until = (SELECT max(CASE WHEN r.probe_failed_at IS NULL THEN r.expires_at END)
                     FROM registrations r WHERE r.line_id = lines.id),
    aged_since = (SELECT max(min(r.expires_at, coalesce(r.probe_failed_at, r.expires_at)))
                  FROM registrations r WHERE r.line_id = lines.id)
  WHERE id = OLD.line_id;
END;

CREATE VIRTUAL TABLE line_search USING fts5(phone_number, extension, content='', columnsize=0, detail=none,
                                            tokenize='trigram case_sensitive 1');
INSERT INTO line_search(rowid, phone_number, extension) SELECT id, phone_number, extension FROM lines;
CREATE TRIGGER lines_search_insert AFTER INSERT ON lines BEGIN
  INSERT INTO line_search(rowid, phone_number, extension) VALUES(NEW.id, NEW.phone_number, NEW.extension);
END;
CREATE TRIGGER lines_search_delete AFTER DELETE ON lines BEGIN
  INSERT INTO line_search(line_search, rowid, phone_number, extension)
    VALUES('delete', OLD.id, OLD.phone_number, OLD.extension);
END;
CREATE TRIGGER lines_search_update AFTER UPDATE OF phone_number, extension ON lines BEGIN
  INSERT INTO line_search(line_search, rowid, phone_number, extension)
    VALUES('delete', OLD.id, OLD.phone_number, OLD.extension);
  INSERT INTO line_search(rowid, phone_number, extension) VALUES(NEW.id, NEW.phone_number, NEW.extension);
END;
)sql",
    // 16: registration history (F18). One row per change of a line's state (port > 0) or per
    // reboot step of a device (port 0), kept for --history-days and pruned in small batches by
    // `at`. Each line remembers the state its history last recorded (history_state: 0, 1, 2 as
    // sql_rules' codes; NULL = none yet), so that a change found late (a lapse or an aging-out,
    // which happen with no event: HistoryRecorder) is recorded once, and the end of its
    // flapping (flap_until: while in the future, more than N changes in M minutes), so that
    // lists show it with no read of the history. Rows go with their device (another customer
    // may later add the same MAC).
    R"sql(
CREATE TABLE line_history(
  id INTEGER PRIMARY KEY,
  device_mac TEXT NOT NULL REFERENCES devices(mac) ON DELETE CASCADE,
  port INTEGER NOT NULL,
  customer_id INTEGER NOT NULL,
  site_id INTEGER NOT NULL,
  at INTEGER NOT NULL,
  from_state INTEGER NOT NULL,
  to_state INTEGER NOT NULL,
  reason TEXT NOT NULL
);
CREATE INDEX line_history_by_device ON line_history(device_mac, at);
CREATE INDEX line_history_by_port ON line_history(device_mac, port, at);
CREATE INDEX line_history_by_customer ON line_history(customer_id, at);
CREATE INDEX line_history_by_time ON line_history(at);
ALTER TABLE lines ADD COLUMN history_state INTEGER;
ALTER TABLE lines ADD COLUMN flap_until INTEGER;
CREATE TABLE history_sweep(id INTEGER PRIMARY KEY CHECK(id = 1), swept_to INTEGER NOT NULL);
)sql",
};

}  // namespace

int latest_schema_version() { return static_cast<int>(kMigrations.size()); }

int migrate(Database& db) {
    int version = 0;
    {
        auto stmt = db.prepare("PRAGMA user_version");
        if (stmt.step()) version = stmt.int32(0);
    }
    if (version > latest_schema_version())
        throw StoreError("database schema version " + std::to_string(version) +
                         " is newer than this server (" + std::to_string(latest_schema_version()) + ")");
    for (int v = version; v < latest_schema_version(); ++v) {
        db.exec("BEGIN IMMEDIATE");
        try {
            db.exec(kMigrations[static_cast<std::size_t>(v)]);
            db.exec("PRAGMA user_version=" + std::to_string(v + 1));
            db.exec("COMMIT");
        } catch (...) {
            db.exec("ROLLBACK");
            throw;
        }
    }
    return latest_schema_version();
}

}  // namespace phonefleet::store

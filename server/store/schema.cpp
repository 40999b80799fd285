#include "store/schema.hpp"

#include <string>
#include <vector>

namespace phonefleet::store {
namespace {

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

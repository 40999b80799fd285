// SqliteStore: the CSV transfer methods (F7 export in batches, F9 bulk insert).
#include "store/sqlite_lease.hpp"

namespace phonefleet::store {

std::vector<DeviceExportRow> SqliteStore::export_devices(std::int64_t customer_id, std::optional<std::int64_t> site_id,
                                                         std::string_view after_mac, int limit) {
    auto db = acquire();
    auto s = db->prepare(
        "SELECT d.mac, t.name, t.ports - (SELECT count(*) FROM lines l WHERE l.device_mac = d.mac), s.name,"
        " CASE WHEN t.dect THEN d.multicell_station_id END"
        " FROM devices d JOIN sites s ON s.id = d.site_id JOIN device_types t ON t.id = d.device_type_id"
        " WHERE d.customer_id = ?1 AND (?2 IS NULL OR d.site_id = ?2) AND d.mac > ?3 ORDER BY d.mac LIMIT ?4");
    s.bind(1, customer_id).bind(2, site_id).bind(3, after_mac).bind(4, limit);
    std::vector<DeviceExportRow> out;
    out.reserve(static_cast<std::size_t>(limit));
    while (s.step()) out.push_back({s.text(0), s.text(1), s.int32(2), s.text(3), s.opt_text(4)});
    return out;
}

void SqliteStore::insert_devices(std::int64_t customer_id, const std::vector<ImportedDevice>& devices) {
    auto db = acquire();
    // A bulk insert touches every index page: with SQLite's default 2 MB page cache the
    // transaction spills pages to the WAL again and again (most of the time of a 100k import).
    db->exec("PRAGMA cache_size=-262144");
    struct RestoreCache {
        Database& db;
        ~RestoreCache() {
            try { db.exec("PRAGMA cache_size=-16384"); } catch (...) {}
        }
    } restore{*db};
    auto s = db->prepare(
        "INSERT INTO devices(mac, customer_id, site_id, device_type_id, multicell_station_id, created_at)"
        " VALUES(?1, ?2, ?3, (SELECT id FROM device_types WHERE name = ?4), ?5, unixepoch())");
    for (const auto& d : devices) {
        s.bind(1, d.mac).bind(2, customer_id).bind(3, d.site_id).bind(4, d.device_type).bind(5, d.multicell_station_id);
        s.run();
        s.reset();
    }
}

bool SqliteStore::mac_exists(std::string_view mac) {
    auto db = acquire();
    auto s = db->prepare("SELECT 1 FROM devices WHERE mac = ?1");
    s.bind(1, mac);
    return s.step();
}

}  // namespace phonefleet::store

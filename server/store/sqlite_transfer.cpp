// SqliteStore: the CSV transfer methods (F7 export in batches, F9 bulk insert).
#include <algorithm>
#include <map>
#include <string>
#include <unordered_map>
#include <vector>

#include "phonefleet/json_text.hpp"
#include "store/sqlite_device_rows.hpp"
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

namespace {

// The 48-bit integer of a normalised MAC ("00AA6E33D748"): its rowid in the MAC search index
// (migration 8 computes the same in SQL; printf('%012X', rowid) reverses it).
std::int64_t mac_key(std::string_view mac) {
    if (mac.size() != 12) throw StoreError("bulk insert: MAC not normalised: " + std::string(mac));
    std::int64_t key = 0;
    for (char c : mac) {
        int v = c >= '0' && c <= '9' ? c - '0' : c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
        if (v < 0) throw StoreError("bulk insert: MAC not normalised: " + std::string(mac));
        key = (key << 4) | v;
    }
    return key;
}

// Migration 10's counts of devices by one- and two-character MAC fragment, for a bulk insert:
// per (site, type), a counter for each of the 16 digits and 256 digit pairs, each MAC counted
// once per distinct fragment (as the trigger does).
class MacFragmentTally {
public:
    void add(std::int64_t site, std::int64_t type, std::string_view mac) {
        auto& counts = tally_[{site, type}];
        if (counts.empty()) counts.assign(kFragments, 0);
        bool seen[kFragments] = {};
        int previous = -1;
        for (char c : mac) {
            const int digit = c <= '9' ? c - '0' : c - 'A' + 10;  // mac_key checked the digits
            mark(counts, seen, digit);
            if (previous >= 0) mark(counts, seen, 16 + previous * 16 + digit);
            previous = digit;
        }
    }

    // JSON rows [site, type, fragment, devices] for the non-zero counters.
    std::string json() const {
        static constexpr char kHex[] = "0123456789ABCDEF";
        std::string out = "[";
        for (const auto& [key, counts] : tally_)
            for (int f = 0; f < kFragments; ++f) {
                if (counts[static_cast<std::size_t>(f)] == 0) continue;
                std::string fragment = f < 16 ? std::string(1, kHex[f]) : std::string{kHex[(f - 16) / 16], kHex[(f - 16) % 16]};
                if (out.size() > 1) out += ',';
                out += '[' + std::to_string(key.first) + ',' + std::to_string(key.second) + ",\"" + fragment + "\"," +
                       std::to_string(counts[static_cast<std::size_t>(f)]) + ']';
            }
        return out + ']';
    }

private:
    static constexpr int kFragments = 16 + 256;
    static void mark(std::vector<std::int64_t>& counts, bool* seen, int f) {
        if (seen[f]) return;
        seen[f] = true;
        ++counts[static_cast<std::size_t>(f)];
    }
    std::map<std::pair<std::int64_t, std::int64_t>, std::vector<std::int64_t>> tally_;
};

// Switches a setting off on one connection for its lifetime (sqlite3_db_config, as the triggers'
// SQLITE_DBCONFIG_ENABLE_TRIGGER: that connection only, inside a transaction too; its prepared
// statements are prepared again without the code the setting adds).
class SettingOff {
public:
    SettingOff(sqlite3* db, int setting, const char* what) : db_(db), setting_(setting) {
        int enabled = 1;
        if (sqlite3_db_config(db_, setting_, 0, &enabled) != SQLITE_OK || enabled != 0)
            throw StoreError(std::string("bulk insert: cannot switch off ") + what);
    }
    ~SettingOff() {
        int enabled = 0;
        sqlite3_db_config(db_, setting_, 1, &enabled);
    }
    SettingOff(const SettingOff&) = delete;
    SettingOff& operator=(const SettingOff&) = delete;

private:
    sqlite3* db_;
    int setting_;
};

}  // namespace

void SqliteStore::insert_devices(std::int64_t customer_id, const std::vector<ImportedDevice>& devices) {
    if (devices.empty()) return;
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

    // One savepoint from the first read: the types and sites checked are those the rows go in with.
    db->exec("SAVEPOINT bulk_insert");
    try {
        std::unordered_map<std::string, std::int64_t> type_ids;
        {
            auto s = db->prepare("SELECT name, id FROM device_types");
            while (s.step()) type_ids.emplace(s.text(0), s.int64(1));
        }
        // MAC order: each b-tree keyed by MAC (the table, the customer's walk index, the site's)
        // grows at one end instead of at random pages.
        std::vector<const ImportedDevice*> order;
        order.reserve(devices.size());
        for (const auto& d : devices) order.push_back(&d);
        auto by_mac = [](const ImportedDevice* a, const ImportedDevice* b) { return a->mac < b->mac; };
        // A file exported from here is in MAC order already: one pass instead of a sort.
        if (!std::is_sorted(order.begin(), order.end(), by_mac)) std::sort(order.begin(), order.end(), by_mac);

        // Each row as device_rows gives it, and what the derived data needs, in one pass.
        std::vector<DeviceRow> rows;
        rows.reserve(order.size());
        std::map<std::pair<std::int64_t, std::int64_t>, std::int64_t> per_site_type;
        MacFragmentTally fragments;
        for (const ImportedDevice* d : order) {
            auto type = type_ids.find(d->device_type);
            if (type == type_ids.end()) throw StoreError("bulk insert: a device type vanished");
            ++per_site_type[{d->site_id, type->second}];
            const std::int64_t key = mac_key(d->mac);  // also checks the MAC's digits
            fragments.add(d->site_id, type->second, d->mac);
            rows.push_back({d->mac, d->site_id, type->second,
                            d->multicell_station_id ? std::string_view(*d->multicell_station_id) : std::string_view(), key});
        }
        std::map<std::int64_t, std::int64_t> per_site;  // from the few (site, type) counts, not per row
        for (const auto& [key, n] : per_site_type) per_site[key.first] += n;
        // The foreign keys checked once per distinct site instead of three lookups per row (a fifth of
        // the insert): each site is this customer's (tenancy: stronger than the key), which exists;
        // each type id was read above, in this transaction.
        {
            auto own = db->prepare("SELECT count(*) FROM sites s JOIN customers c ON c.id = s.customer_id"
                                   " WHERE s.id = ?1 AND s.customer_id = ?2");
            for (const auto& [site, n] : per_site) {
                own.bind(1, site).bind(2, customer_id);
                const bool ok = own.step() && own.int64(0) == 1;
                own.reset();
                if (!ok) throw StoreError("bulk insert: site " + std::to_string(site) + " is not the customer's");
            }
        }

        // The per-row insert triggers (the counts of migrations 3 and 8, 10's by MAC fragment, the
        // MAC search) are switched off on this connection while it inserts (migration 12); the same
        // derived rows are added here, set-based, in the same savepoint: all or nothing, and
        // consistent when it is released. Other connections keep their triggers and foreign keys.
        SettingOff triggers_off(db->handle(), SQLITE_DBCONFIG_ENABLE_TRIGGER, "the triggers");
        SettingOff keys_off(db->handle(), SQLITE_DBCONFIG_ENABLE_FKEY, "the foreign keys");
        // Set-based, in batches: one INSERT ... SELECT over the batch's rows read in place
        // (device_rows; with the triggers off, faster than a statement per row), then the
        // batch's MAC search rows from their keys. A batch is as large as an import under the
        // default limits (kBulkInsertBatch).
        const std::size_t batch = bulk_insert_batch_;
        auto insert = db->prepare(
            "INSERT INTO devices(mac, customer_id, site_id, device_type_id, multicell_station_id, created_at)"
            " SELECT mac, ?1, site_id, device_type_id, multicell_station_id, unixepoch() FROM device_rows(?2)");
        auto search = db->prepare("INSERT INTO device_mac_search(rowid, mac) SELECT mac_key, mac FROM device_rows(?1)");
        for (std::size_t from = 0; from < rows.size(); from += batch) {
            const DeviceRowSpan span{rows.data() + from, std::min(batch, rows.size() - from)};
            insert.bind(1, customer_id).bind_pointer(2, &span, kDeviceRowsPointer);
            insert.run();
            insert.reset();
            if (db->changes() != static_cast<int>(span.size)) throw StoreError("bulk insert: rows not inserted");
            search.bind_pointer(1, &span, kDeviceRowsPointer);
            search.run();
            search.reset();
        }

        // The counts of migrations 3 and 8, once for the whole import.
        std::string counts = "[";
        for (const auto& [key, n] : per_site_type) {
            if (counts.size() > 1) counts += ',';
            counts += '[' + std::to_string(key.first) + ',' + std::to_string(key.second) + ',' + std::to_string(n) + ']';
        }
        counts += ']';
        auto s = db->prepare(
            "INSERT INTO device_counts(customer_id, site_id, device_type_id, devices)"
            " SELECT ?1, c.value ->> 0, c.value ->> 1, c.value ->> 2 FROM json_each(?2) c WHERE true"
            " ON CONFLICT DO UPDATE SET devices = devices + excluded.devices");
        s.bind(1, customer_id).bind(2, counts);
        s.run();
        auto f = db->prepare(
            "INSERT INTO mac_fragment_counts(customer_id, site_id, device_type_id, fragment, devices)"
            " SELECT ?1, c.value ->> 0, c.value ->> 1, c.value ->> 2, c.value ->> 3 FROM json_each(?2) c WHERE true"
            " ON CONFLICT DO UPDATE SET devices = devices + excluded.devices");
        f.bind(1, customer_id).bind(2, fragments.json());
        f.run();
        for (const auto& [site, n] : per_site) {
            auto u = db->prepare("UPDATE sites SET device_count = device_count + ?2 WHERE id = ?1");
            u.bind(1, site).bind(2, n);
            u.run();
        }
        auto c = db->prepare("UPDATE customers SET device_count = device_count + ?2 WHERE id = ?1");
        c.bind(1, customer_id).bind(2, static_cast<std::int64_t>(devices.size()));
        c.run();
        db->exec("RELEASE bulk_insert");
    } catch (...) {
        try { db->exec("ROLLBACK TO bulk_insert; RELEASE bulk_insert"); } catch (...) {}
        throw;
    }
}

std::vector<bool> SqliteStore::existing_macs(const std::vector<std::string>& macs) {
    std::vector<bool> found(macs.size(), false);
    if (macs.empty()) return found;
    std::string list = "[";
    for (const auto& mac : macs) {
        if (list.size() > 1) list += ',';
        append_json_string(list, mac);
    }
    list += ']';
    auto db = acquire();
    // One query for the validator's batch (a few hundred MACs), each a lookup of the primary key.
    auto s = db->prepare("SELECT j.key FROM json_each(?1) j JOIN devices d ON d.mac = j.value");
    s.bind(1, list);
    while (s.step()) {
        const auto at = static_cast<std::size_t>(s.int64(0));
        if (at < found.size()) found[at] = true;
    }
    return found;
}

}  // namespace phonefleet::store

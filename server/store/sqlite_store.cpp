#include "store/sqlite_store.hpp"

#include <algorithm>
#include <cctype>
#include <vector>

#include "store/schema.hpp"
#include "store/sql_rules.hpp"
#include "store/sqlite_device_rows.hpp"
#include "store/sqlite_history.hpp"
#include "store/sqlite_lease.hpp"
#include "store/sqlite_read_snapshot.hpp"
#include "store/sqlite_registrations.hpp"

namespace phonefleet::store {
namespace {

// The connection pinned to this thread by a running transaction, and the store it belongs to.
thread_local SqliteStore* t_pinned_store = nullptr;
thread_local Database* t_pinned_db = nullptr;

}  // namespace

SqliteStore::SqliteStore(std::string path, std::size_t max_connections)
    : path_(std::move(path)),
      max_connections_(max_connections < 1 ? 1 : max_connections),
      checkpointer_(std::make_unique<WalCheckpointer>(path_)) {
    auto db = open_connection();
    migrate(*db);
    ++open_connections_;
    idle_.push_back(std::move(db));
}

SqliteStore::~SqliteStore() = default;

std::unique_ptr<Database> SqliteStore::open_connection() {
    auto db = std::make_unique<Database>(path_);
    register_device_rows(db->handle());
    checkpointer_->watch(db->handle());
    return db;
}

bool SqliteStore::in_transaction() const { return t_pinned_store == this; }

SqliteStore::Lease SqliteStore::acquire() {
    if (t_pinned_store == this) return Lease(this, nullptr, t_pinned_db);
    std::unique_lock lock(mutex_);
    available_.wait(lock, [&] { return !idle_.empty() || open_connections_ < max_connections_; });
    if (!idle_.empty()) {
        auto db = std::move(idle_.back());
        idle_.pop_back();
        return Lease(this, std::move(db), nullptr);
    }
    ++open_connections_;
    lock.unlock();
    try {
        return Lease(this, open_connection(), nullptr);
    } catch (...) {
        std::lock_guard relock(mutex_);
        --open_connections_;
        available_.notify_one();
        throw;
    }
}

void SqliteStore::release(std::unique_ptr<Database> db) {
    std::lock_guard lock(mutex_);
    idle_.push_back(std::move(db));
    available_.notify_one();
}

void SqliteStore::transaction(const std::function<void()>& fn) {
    if (t_pinned_store == this) {
        fn();
        return;
    }
    auto db = acquire();
    // IMMEDIATE takes the write lock up front: no deadlock upgrading a read to a write later.
    db->exec("BEGIN IMMEDIATE");
    t_pinned_store = this;
    t_pinned_db = &*db;
    try {
        fn();
        db->exec("COMMIT");
    } catch (...) {
        t_pinned_store = nullptr;
        t_pinned_db = nullptr;
        db->exec("ROLLBACK");
        throw;
    }
    t_pinned_store = nullptr;
    t_pinned_db = nullptr;
}

void SqliteStore::upsert_device_type(const DeviceTypeRecord& r) {
    auto db = acquire();
    db->prepare(
          "INSERT INTO device_types(name, vendor, ports, dect, reboot_event) VALUES(?1, ?2, ?3, ?4, ?5) "
          "ON CONFLICT(name) DO UPDATE SET vendor = excluded.vendor, ports = excluded.ports, "
          "dect = excluded.dect, reboot_event = excluded.reboot_event")
        .bind(1, r.type.name)
        .bind(2, r.type.vendor)
        .bind(3, r.type.ports)
        .bind(4, r.type.dect ? 1 : 0)
        .bind(5, r.reboot_event)
        .run();
}

void SqliteStore::approve_device_type(std::int64_t site_id, std::string_view device_type) {
    auto db = acquire();
    db->prepare(
          "INSERT OR IGNORE INTO site_device_types(site_id, device_type_id) "
          "SELECT ?1, id FROM device_types WHERE name = ?2")
        .bind(1, site_id)
        .bind(2, device_type)
        .run();
}

void SqliteStore::insert_device(const DeviceRecord& d) {
    auto db = acquire();
    db->prepare(
          "INSERT INTO devices(mac, customer_id, site_id, device_type_id, multicell_station_id, created_at) "
          "SELECT ?1, ?2, ?3, id, ?5, unixepoch() FROM device_types WHERE name = ?4")
        .bind(1, d.mac)
        .bind(2, d.customer_id)
        .bind(3, d.site_id)
        .bind(4, d.device_type)
        .bind(5, d.multicell_station_id)
        .run();
    if (db->changes() != 1) throw StoreError("unknown device type " + d.device_type);
}

void SqliteStore::insert_line(const LineRecord& l) {
    auto db = acquire();
    db->prepare(
          "INSERT INTO lines(device_mac, port, phone_number, extension, display_name, sip_ha1_md5, sip_ha1_sha256) "
          "VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7)")
        .bind(1, l.device_mac)
        .bind(2, l.port)
        .bind(3, l.phone_number)
        .bind(4, l.extension)
        .bind(5, l.display_name)
        .bind(6, l.sip_ha1_md5)
        .bind(7, l.sip_ha1_sha256)
        .run();
}


// The device state from the two instants the triggers keep (schema migration 3); the same
// rule as binding_state, checked by tests/server/line_state_sql_test.cpp. ?7 now, ?8 window.
static const char* kDeviceStateSql =
    "CASE WHEN d.healthy_until > ?7 THEN 0 WHEN d.aged_since > ?7 - ?8 THEN 1 ELSE 2 END";

// Registered and Aged are ranges of the indexes of migrations 7 and 8. Unregistered is what the
// other two leave: its terms are kept off the indexes (unary +) and its count is derived.
static const char* state_condition(RegistrationState s) {
    switch (s) {
        case RegistrationState::Registered: return " AND d.healthy_until > ?7";
        case RegistrationState::Aged:
            return " AND d.aged_since > ?7 - ?8 AND (d.healthy_until IS NULL OR d.healthy_until <= ?7)";
        case RegistrationState::Unregistered:
            return " AND (+d.healthy_until IS NULL OR +d.healthy_until <= ?7)"
                   " AND (+d.aged_since IS NULL OR +d.aged_since <= ?7 - ?8)";
    }
    return "";
}

static const char* state_index(RegistrationState s) {
    return s == RegistrationState::Registered ? "devices_by_customer_healthy" : "devices_by_customer_aged";
}

// The text filter q= (F1): a substring of the stored MAC (any notation, see mac_fragment), or
// of a site name of the customer or of a type name (LIKE: ASCII case-insensitive). Sites and
// types are small tables: their matches become id sets; only the MAC part needs an index.
static const char* kSiteText =
    "d.site_id IN (SELECT id FROM sites WHERE customer_id = ?1 AND name LIKE ?4 ESCAPE '\\')";
static const char* kTypeText = "d.device_type_id IN (SELECT id FROM device_types WHERE name LIKE ?4 ESCAPE '\\')";
static const char* kMacText = "instr(d.mac, ?9) > 0";


DevicePage SqliteStore::list_devices(const DeviceQuery& q, const StateClock& clock) {
    auto db = acquire();
    ReadSnapshot snapshot(*db, !in_transaction());

    // Only the filters present enter the SQL (one cached statement per combination).
    // Parameters: ?1 customer, ?2 site, ?3 type name, ?4 LIKE pattern of the text, ?5 limit,
    // ?6 offset, ?7 now, ?8 aging window, ?9 MAC fragment, ?10 MAC search (FTS5) query.
    std::string base = " WHERE d.customer_id = ?1";
    if (q.site_id) base += " AND d.site_id = ?2";
    if (!q.device_type.empty()) base += " AND d.device_type_id = (SELECT id FROM device_types WHERE name = ?3)";
    const bool text = !q.text.empty();
    const std::string fragment = mac_fragment(q.text);  // "-": the text cannot be part of a MAC
    const bool mac_text = text && fragment != "-";
    // The trigram index answers fragments of 3 characters or more; a shorter one ("A", "0C")
    // matches a large part of any fleet anyway: it is counted from counts kept per fragment
    // (migration 10) and its page is a walk of the customer's devices in MAC order.
    // The index is asked for the fragment's two rarest trigrams (a whole phrase would also read
    // the long lists of the common ones, such as a shared prefix, and the index keeps no
    // positions to ask one: migration 13); every MAC it returns is then tested for the whole
    // fragment (instr). When even the rarest trigram is in more than
    // kDenseMacs devices, the fragment is common and the walk is cheaper than the index.
    bool mac_indexed = mac_text && fragment.size() >= 3;
    std::string mac_search;
    if (mac_indexed) {
        constexpr int kDenseMacs = 8192;
        std::vector<std::pair<std::int64_t, std::string>> trigrams;
        auto probe = db->prepare("SELECT count(*) FROM (SELECT 1 FROM device_mac_search WHERE device_mac_search MATCH ?1"
                                 " LIMIT ?2)");
        for (std::size_t i = 0; i + 3 <= fragment.size(); ++i) {
            std::string phrase(1, '"');  // a phrase of one trigram: hex digits need no quoting
            phrase.append(fragment, i, 3).push_back('"');
            if (std::any_of(trigrams.begin(), trigrams.end(), [&](const auto& t) { return t.second == phrase; })) continue;
            probe.bind(1, phrase).bind(2, kDenseMacs + 1);
            const std::int64_t n = probe.step() ? probe.int64(0) : 0;
            probe.reset();
            trigrams.emplace_back(n, std::move(phrase));
        }
        std::sort(trigrams.begin(), trigrams.end());
        mac_search = trigrams[0].second;
        if (trigrams.size() > 1) mac_search += " AND " + trigrams[1].second;
        mac_indexed = trigrams[0].first <= kDenseMacs;
    }
    // Which of the three kinds of match the text can have; the others stay out of the SQL (a
    // MAC fragment rarely names a site, and a walk then tests the MAC alone).
    bool site_text = false, type_text = false;
    if (text) {
        auto names = db->prepare("SELECT EXISTS(SELECT 1 FROM sites WHERE customer_id = ?1 AND name LIKE ?2 ESCAPE '\\'),"
                                 " EXISTS(SELECT 1 FROM device_types WHERE name LIKE ?2 ESCAPE '\\')");
        names.bind(1, q.customer_id).bind(2, like_pattern(q.text));
        if (names.step()) site_text = names.int32(0) != 0, type_text = names.int32(1) != 0;
    }
    if (text && !mac_text && !site_text && !type_text) return DevicePage{};
    std::string text_filter, not_site_or_type;
    if (text) {
        std::vector<std::string> kinds;
        if (mac_text) kinds.emplace_back(kMacText);
        if (site_text) kinds.emplace_back(kSiteText), not_site_or_type += std::string(" AND NOT ") + kSiteText;
        if (type_text) kinds.emplace_back(kTypeText), not_site_or_type += std::string(" AND NOT ") + kTypeText;
        text_filter = " AND (" + kinds[0];
        for (std::size_t i = 1; i < kinds.size(); ++i) text_filter += " OR " + kinds[i];
        text_filter += ")";
    }

    std::int64_t limit = q.limit, offset = q.offset;
    auto bind = [&](Statement& s) {
        const int n = s.parameter_count();
        auto maybe = [&](int i, auto&& v) {
            if (i <= n) s.bind(i, v);
        };
        maybe(1, q.customer_id);
        if (q.site_id) maybe(2, *q.site_id);
        maybe(3, q.device_type);
        maybe(4, like_pattern(q.text));
        maybe(5, limit);
        maybe(6, offset);
        maybe(7, clock.now);
        maybe(8, clock.aging_window_s);
        maybe(9, fragment);  // MACs are stored as upper-case hex: a plain substring test
        maybe(10, mac_search);
    };
    auto scalar = [&](const std::string& sql) {
        auto s = db->prepare(sql);
        bind(s);
        return s.step() ? s.int64(0) : std::int64_t{0};
    };

    // Totals, each from counts kept by triggers or from index ranges that are covered:
    // devices passing the site and type filters alone,
    auto count_base_of_site = [&] {
        return scalar("SELECT coalesce(sum(device_count), 0) FROM sites WHERE id = ?2 AND customer_id = ?1");
    };
    auto count_base = [&] {
        if (!q.device_type.empty()) return scalar("SELECT coalesce(sum(d.devices), 0) FROM device_counts d" + base);
        if (q.site_id) return count_base_of_site();
        return scalar("SELECT device_count FROM customers WHERE id = ?1");
    };
    // ... and the text: three disjoint parts (by site; by type on other sites; by MAC on other
    // sites and types), each a range or the trigram index, instead of a test of every device,
    auto count_text = [&] {
        std::int64_t n = 0;
        if (site_text) n += scalar("SELECT coalesce(sum(d.devices), 0) FROM device_counts d" + base + " AND " + kSiteText);
        if (type_text)
            n += scalar("SELECT coalesce(sum(d.devices), 0) FROM device_counts d" + base + " AND " + kTypeText +
                        (site_text ? std::string(" AND NOT ") + kSiteText : std::string()));
        const std::string by_mac_only = std::string(" AND ") + kMacText + not_site_or_type;
        if (mac_indexed)
            n += scalar("SELECT count(*) FROM device_mac_search f JOIN devices d ON d.mac = printf('%012X', f.rowid)" +
                        base + " AND f.device_mac_search MATCH ?10" + by_mac_only);
        else if (mac_text && fragment.size() <= 2)  // counts by fragment kept by triggers (migration 10)
            n += scalar("SELECT coalesce(sum(d.devices), 0) FROM mac_fragment_counts d" + base + " AND d.fragment = ?9" +
                        not_site_or_type);
        else if (mac_text)  // the scan: each MAC of the customer tested, site and type only if it matches
            n += scalar(std::string("SELECT count(*) FROM devices d INDEXED BY ") +
                        (q.site_id ? "devices_by_site" : "devices_by_customer") + base + by_mac_only);
        return n;
    };
    // ... Registered or Aged: the state's range, walked whole (every other filter is covered).
    auto count_in_state = [&](RegistrationState st) {
        return scalar(std::string("SELECT count(*) FROM devices d INDEXED BY ") + state_index(st) + base +
                      state_condition(st) + text_filter);
    };

    DevicePage page;
    if (!q.state) {
        page.total = text ? count_text() : count_base();
    } else if (*q.state == RegistrationState::Unregistered) {
        page.total = (text ? count_text() : count_base()) - count_in_state(RegistrationState::Registered) -
                     count_in_state(RegistrationState::Aged);
    } else {
        page.total = count_in_state(*q.state);
    }
    if (offset >= page.total || limit < 1) return page;

    // A page past the middle is read from the end: OFFSET costs the rows it skips.
    const bool backwards = page.total - offset - limit < offset;
    if (backwards) {
        limit = std::min(limit, page.total - offset);
        offset = page.total - offset - limit;
    }
    const std::string order = backwards ? " ORDER BY d.mac DESC" : " ORDER BY d.mac";

    // Two ways to a page. Walk the customer's (or the site's) devices in MAC order on an index
    // that covers every filter, until the page is full: (offset + limit) / density entries.
    // Or collect the matching MACs from ranges (a state, the text's parts) and sort them:
    // about `total` entries. The cheaper is taken; a walk is also what every filter without a
    // selective range uses.
    const bool ranged_state = q.state && *q.state != RegistrationState::Unregistered;
    bool sorted = false;
    if (ranged_state || (text && (mac_indexed || !mac_text))) {
        const std::int64_t walked = q.site_id ? count_base_of_site() : scalar("SELECT device_count FROM customers WHERE id = ?1");
        const double walk = static_cast<double>(offset + limit) * static_cast<double>(walked) /
                            static_cast<double>(page.total);
        sorted = 4.0 * static_cast<double>(page.total) < walk;
    }
    std::string filters = base + (q.state ? state_condition(*q.state) : "");
    const std::string columns = std::string("d.mac, t.name, s.name, s.id, d.multicell_station_id, t.dect,"
                                            " t.ports - d.line_count, ") + kDeviceStateSql;
    const std::string joins = " JOIN sites s ON s.id = d.site_id JOIN device_types t ON t.id = d.device_type_id";
    std::string sql;
    if (!sorted) {
        // Each walk index covers every filter: a site's devices, a type's, or the customer's.
        const std::string index = q.site_id                                    ? "devices_by_site"
                                  : !q.device_type.empty() && !text && !q.state ? "devices_by_customer_type"
                                                                               : "devices_by_customer";
        // Near the start of the walk, one plain join (SQLite joins the rows OFFSET skips, a
        // few); further in, the page's MACs are found on the index alone and joined after.
        if (offset < 100) {
            sql = "SELECT " + columns + " FROM devices d INDEXED BY " + index + joins + filters + text_filter + order +
                  " LIMIT ?5 OFFSET ?6";
        } else {
            sql = "SELECT " + columns + " FROM (SELECT d.mac, d.site_id, d.device_type_id, d.multicell_station_id,"
                  " d.line_count, d.healthy_until, d.aged_since FROM devices d INDEXED BY " + index + filters +
                  text_filter + order + " LIMIT ?5 OFFSET ?6) d" + joins;
        }
    } else {
        std::string macs;
        if (ranged_state) {  // the state's range, every other filter covered
            macs = std::string("SELECT d.mac FROM devices d INDEXED BY ") + state_index(*q.state) + filters + text_filter;
        } else {  // the text's parts, each on the index of its own range
            // (CROSS JOIN: from the few matching sites or types to their devices, never the reverse.)
            std::vector<std::string> parts;
            if (site_text)
                parts.push_back("SELECT d.mac FROM sites ts CROSS JOIN devices d INDEXED BY devices_by_site"
                                " ON d.site_id = ts.id" + filters + " AND ts.customer_id = ?1 AND ts.name LIKE ?4 ESCAPE '\\'");
            if (type_text)
                parts.push_back("SELECT d.mac FROM device_types tt CROSS JOIN devices d INDEXED BY devices_by_customer_type"
                                " ON d.customer_id = ?1 AND d.device_type_id = tt.id" + filters +
                                " AND tt.name LIKE ?4 ESCAPE '\\'");
            if (mac_indexed)
                parts.push_back("SELECT d.mac FROM device_mac_search f JOIN devices d ON d.mac = printf('%012X', f.rowid)" +
                                filters + " AND f.device_mac_search MATCH ?10 AND " + kMacText);
            macs = "SELECT d.mac FROM (" + parts.at(0);
            for (std::size_t i = 1; i < parts.size(); ++i) macs += " UNION " + parts[i];
            macs += ") d";
        }
        sql = "SELECT " + columns + " FROM (" + macs + order + " LIMIT ?5 OFFSET ?6) p JOIN devices d ON d.mac = p.mac" +
              joins;
    }

    auto s = db->prepare(sql);
    bind(s);
    page.items.reserve(static_cast<std::size_t>(limit));
    while (s.step()) {
        Device d;
        d.mac = s.text(0);
        d.device_type = s.text(1);
        d.site = s.text(2);
        d.site_id = s.int64(3);
        if (s.int32(5) != 0) d.multicell_station_id = s.opt_text(4);
        d.available_lines = s.int32(6);
        d.state = state_from_code(s.int32(7));
        page.items.push_back(std::move(d));
    }
    // A joined subquery comes back in no promised order (an outer ORDER BY would sort again
    // in SQLite); the page is put in MAC order here, which also turns a backwards read round.
    auto by_mac = [](const Device& a, const Device& b) { return a.mac < b.mac; };
    if (!std::is_sorted(page.items.begin(), page.items.end(), by_mac))
        std::sort(page.items.begin(), page.items.end(), by_mac);
    // F18: the page's flapping devices, after the page (its plan stays what it was).
    std::vector<std::string> macs;
    macs.reserve(page.items.size());
    for (const auto& d : page.items) macs.push_back(d.mac);
    const auto flapping = flapping_of(*db, macs, clock.now);
    for (auto& d : page.items) d.flapping = std::find(flapping.begin(), flapping.end(), d.mac) != flapping.end();
    return page;
}

std::optional<DeviceOwner> SqliteStore::find_device_owner(std::string_view mac) {
    auto db = acquire();
    auto s = db->prepare(
        "SELECT d.mac, d.customer_id, c.provider_id, t.ports, t.dect FROM devices d"
        " JOIN customers c ON c.id = d.customer_id JOIN device_types t ON t.id = d.device_type_id"
        " WHERE d.mac = ?1");
    s.bind(1, mac);
    if (!s.step()) return std::nullopt;
    return DeviceOwner{s.text(0), s.int64(1), s.int64(2), s.int32(3), s.int32(4) != 0};
}

std::optional<DeviceStatus> SqliteStore::device_status(std::string_view mac, const StateClock& clock) {
    auto db = acquire();
    DeviceStatus st;
    {
        auto s = db->prepare(
            "SELECT d.mac, t.name, s.name, s.id, d.multicell_station_id, t.dect, t.ports,"
            " d.probe_reachable, d.probe_rtt_ms, d.probe_checked_at"
            " FROM devices d JOIN sites s ON s.id = d.site_id JOIN device_types t ON t.id = d.device_type_id"
            " WHERE d.mac = ?1");
        s.bind(1, mac);
        if (!s.step()) return std::nullopt;
        st.device.mac = s.text(0);
        st.device.device_type = s.text(1);
        st.device.site = s.text(2);
        st.device.site_id = s.int64(3);
        st.dect = s.int32(5) != 0;
        if (st.dect) st.device.multicell_station_id = s.opt_text(4);
        st.ports = s.int32(6);
        if (!s.is_null(9)) st.probe = ProbeResult{s.int32(7) != 0, s.is_null(8) ? std::nullopt : std::optional<int>(s.int32(8)), s.int64(9)};
    }
    {
        auto s = db->prepare(
            "SELECT l.port, l.phone_number, l.extension, l.display_name,"
            " (SELECT min(" + binding_state_sql("r", "?2", "?3") + ") FROM registrations r WHERE r.line_id = l.id)"
            " FROM lines l WHERE l.device_mac = ?1 ORDER BY l.port");
        s.bind(1, mac).bind(2, clock.now).bind(3, clock.aging_window_s);
        RegistrationState device_state = RegistrationState::Unregistered;
        while (s.step()) {
            LineInfo line{s.int32(0), s.text(1), s.text(2), s.text(3),
                          s.is_null(4) ? RegistrationState::Unregistered : state_from_code(s.int32(4))};
            device_state = best_state(device_state, line.state);
            st.lines.push_back(std::move(line));
        }
        st.device.state = device_state;
        st.device.available_lines = st.ports - static_cast<int>(st.lines.size());
    }
    {
        // The binding seen last tells where the phone is.
        auto s = db->prepare(
            "SELECT r.remote_addr, r.host_ip, r.registered_to, r.user_agent, r.registered_at, r.expires_at"
            " FROM registrations r JOIN lines l ON l.id = r.line_id WHERE l.device_mac = ?1"
            " ORDER BY r.registered_at DESC LIMIT 1");
        s.bind(1, mac);
        if (s.step()) {
            st.remote_ip = s.text(0);
            st.host_ip = s.text(1);
            st.registered_to = s.text(2);
            st.user_agent = s.text(3);
            st.registered_at = s.int64(4);
            st.expires_at = s.int64(5);
        }
    }
    st.reboot = read_reboot_report(*db, mac, clock.now);
    return st;
}

bool SqliteStore::delete_device(std::string_view mac) {
    auto db = acquire();
    db->prepare("DELETE FROM devices WHERE mac = ?1").bind(1, mac).run();
    return db->changes() == 1;
}

bool SqliteStore::phone_number_exists(std::string_view number) {
    auto db = acquire();
    auto s = db->prepare("SELECT 1 FROM lines WHERE phone_number = ?1");
    s.bind(1, number);
    return s.step();
}

bool SqliteStore::port_has_line(std::string_view mac, int port) {
    auto db = acquire();
    auto s = db->prepare("SELECT 1 FROM lines WHERE device_mac = ?1 AND port = ?2");
    s.bind(1, mac).bind(2, port);
    return s.step();
}

bool SqliteStore::delete_line(std::string_view mac, int port) {
    auto db = acquire();
    db->prepare("DELETE FROM lines WHERE device_mac = ?1 AND port = ?2").bind(1, mac).bind(2, port).run();
    return db->changes() == 1;
}

std::vector<DeviceType> SqliteStore::list_device_types() {
    auto db = acquire();
    auto s = db->prepare("SELECT name, vendor, ports, dect FROM device_types ORDER BY vendor, name");
    std::vector<DeviceType> out;
    while (s.step()) out.push_back({s.text(0), s.text(1), s.int32(2), s.int32(3) != 0});
    return out;
}

std::vector<SiteApprovals> SqliteStore::list_site_approvals(std::int64_t customer_id) {
    auto db = acquire();
    auto s = db->prepare(
        "SELECT s.id, s.name, t.name FROM sites s LEFT JOIN site_device_types a ON a.site_id = s.id"
        " LEFT JOIN device_types t ON t.id = a.device_type_id WHERE s.customer_id = ?1"
        " ORDER BY s.name, s.id, t.vendor, t.name");
    s.bind(1, customer_id);
    std::vector<SiteApprovals> out;
    while (s.step()) {
        if (out.empty() || out.back().site.id != s.int64(0)) out.push_back({{s.int64(0), s.text(1)}, {}});
        if (!s.is_null(2)) out.back().approved_types.push_back(s.text(2));
    }
    return out;
}

}  // namespace phonefleet::store

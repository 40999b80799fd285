// The registration history's SQL (F18, schema migration 16). Every read walks one index range:
// a device's entries by (device_mac, at), a customer's by (customer_id, at), a line's changes by
// (device_mac, port, at), old entries by (at); the lines a sweep must look at by the state
// indexes of migration 15. The rules (what a change is, when it happened) are HistoryRecorder's.
#include <algorithm>
#include <cctype>
#include <limits>

#include "store/sql_rules.hpp"
#include "store/sqlite_history.hpp"
#include "store/sqlite_lease.hpp"

namespace phonefleet::store {
namespace {

constexpr std::int64_t kNever = std::numeric_limits<std::int64_t>::min();
constexpr std::int64_t kForever = std::numeric_limits<std::int64_t>::max();

int state_code(RegistrationState s) {
    return s == RegistrationState::Registered ? 0 : s == RegistrationState::Aged ? 1 : 2;
}

constexpr const char* kEntryColumns =
    "h.id, h.device_mac, h.port, h.customer_id, h.site_id, h.at, h.from_state, h.to_state, h.reason";

HistoryEntry read_entry(const Statement& s) {
    HistoryEntry e;
    e.id = s.int64(0);
    e.device_mac = s.text(1);
    e.port = s.int32(2);
    e.customer_id = s.int64(3);
    e.site_id = s.int64(4);
    e.at = s.int64(5);
    e.from = state_from_code(s.int32(6));
    e.to = state_from_code(s.int32(7));
    e.reason = s.text(8);
    return e;
}

// [since, until) as inclusive bounds.
std::int64_t lowest(const HistoryQuery& q) { return q.since.value_or(kNever); }
std::int64_t highest(const HistoryQuery& q) { return q.until ? *q.until - 1 : kForever; }

}  // namespace

std::optional<LineHistoryState> SqliteStore::line_history_state(std::int64_t line_id) {
    auto db = acquire();
    auto s = db->prepare("SELECT device_mac, port, customer_id, site_id, healthy_until, aged_since, history_state"
                         " FROM lines WHERE id = ?1");
    s.bind(1, line_id);
    if (!s.step()) return std::nullopt;
    LineHistoryState st;
    st.line_id = line_id;
    st.device_mac = s.text(0);
    st.port = s.int32(1);
    st.customer_id = s.int64(2);
    st.site_id = s.int64(3);
    st.healthy_until = s.opt_int64(4);
    st.aged_since = s.opt_int64(5);
    if (!s.is_null(6)) st.recorded = s.int32(6);
    return st;
}

std::optional<LineHistoryState> SqliteStore::device_history_state(std::string_view mac) {
    auto db = acquire();
    auto s = db->prepare("SELECT customer_id, site_id, healthy_until, aged_since FROM devices WHERE mac = ?1");
    s.bind(1, mac);
    if (!s.step()) return std::nullopt;
    LineHistoryState st;
    st.device_mac = std::string(mac);
    st.customer_id = s.int64(0);
    st.site_id = s.int64(1);
    st.healthy_until = s.opt_int64(2);
    st.aged_since = s.opt_int64(3);
    return st;
}

void SqliteStore::append_history(const HistoryEntry& e) {
    auto db = acquire();
    db->prepare("INSERT INTO line_history(device_mac, port, customer_id, site_id, at, from_state, to_state, reason)"
                " VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)")
        .bind(1, e.device_mac)
        .bind(2, e.port)
        .bind(3, e.customer_id)
        .bind(4, e.site_id)
        .bind(5, e.at)
        .bind(6, state_code(e.from))
        .bind(7, state_code(e.to))
        .bind(8, e.reason)
        .run();
}

void SqliteStore::set_line_history(std::int64_t line_id, int recorded, std::optional<std::int64_t> flap_until) {
    auto db = acquire();
    db->prepare("UPDATE lines SET history_state = ?2, flap_until = coalesce(?3, flap_until) WHERE id = ?1")
        .bind(1, line_id)
        .bind(2, recorded)
        .bind(3, flap_until)
        .run();
}

std::optional<std::int64_t> SqliteStore::nth_latest_change(std::string_view mac, int port, int n) {
    if (n < 1) return std::nullopt;
    auto db = acquire();
    auto s = db->prepare("SELECT at FROM line_history INDEXED BY line_history_by_port"
                         " WHERE device_mac = ?1 AND port = ?2 ORDER BY at DESC LIMIT 1 OFFSET ?3");
    s.bind(1, mac).bind(2, port).bind(3, n - 1);
    if (!s.step()) return std::nullopt;
    return s.int64(0);
}

std::vector<std::int64_t> SqliteStore::lines_due(std::int64_t from, std::int64_t to, std::int64_t aging_window_s,
                                                 int limit) {
    auto db = acquire();
    std::vector<std::int64_t> out;
    // Per customer, the range of migration 15's partial state indexes; only lines whose history
    // still says the state that ended, so a line once recorded leaves the answer.
    auto lapsed = db->prepare(
        "SELECT l.id FROM customers c CROSS JOIN lines l INDEXED BY lines_by_customer_healthy ON l.customer_id = c.id"
        " WHERE l.healthy_until > ?1 AND l.healthy_until <= ?2 AND l.history_state = 0 LIMIT ?3");
    lapsed.bind(1, from).bind(2, to).bind(3, limit);
    while (lapsed.step()) out.push_back(lapsed.int64(0));
    if (static_cast<int>(out.size()) >= limit) return out;
    auto aged_out = db->prepare(
        "SELECT l.id FROM customers c CROSS JOIN lines l INDEXED BY lines_by_customer_aged ON l.customer_id = c.id"
        " WHERE l.aged_since > ?1 - ?3 AND l.aged_since <= ?2 - ?3 AND l.history_state = 1 LIMIT ?4");
    aged_out.bind(1, from).bind(2, to).bind(3, aging_window_s).bind(4, limit - static_cast<int>(out.size()));
    while (aged_out.step()) out.push_back(aged_out.int64(0));
    return out;
}

std::optional<std::int64_t> SqliteStore::history_swept_to() {
    auto db = acquire();
    auto s = db->prepare("SELECT swept_to FROM history_sweep WHERE id = 1");
    if (!s.step()) return std::nullopt;
    return s.int64(0);
}

void SqliteStore::set_history_swept_to(std::int64_t at) {
    auto db = acquire();
    db->prepare("INSERT INTO history_sweep(id, swept_to) VALUES(1, ?1) ON CONFLICT(id) DO UPDATE SET swept_to = ?1")
        .bind(1, at)
        .run();
}

std::vector<HistoryEntry> SqliteStore::device_history(const HistoryQuery& q) {
    auto db = acquire();
    // Newest first; a cursor bounds the range from above, so a deep page is one seek.
    std::int64_t hi = highest(q);
    if (q.after) hi = std::min(hi, q.after->at);
    auto s = db->prepare(std::string("SELECT ") + kEntryColumns +
                         " FROM line_history h INDEXED BY line_history_by_device"
                         " WHERE h.device_mac = ?1 AND h.at >= ?2 AND h.at <= ?3"
                         " AND (?4 IS NULL OR h.at < ?4 OR h.id < ?5) ORDER BY h.at DESC, h.id DESC LIMIT ?6");
    s.bind(1, q.device_mac).bind(2, lowest(q)).bind(3, hi);
    if (q.after) s.bind(4, q.after->at).bind(5, q.after->id);
    s.bind(6, q.limit);
    std::vector<HistoryEntry> out;
    while (s.step()) out.push_back(read_entry(s));
    return out;
}

std::vector<HistoryEntry> SqliteStore::export_history(const HistoryQuery& q) {
    auto db = acquire();
    // Oldest first, in batches after the last one read (a streamed export holds no connection).
    std::int64_t lo = lowest(q);
    if (q.after) lo = std::max(lo, q.after->at);
    auto s = db->prepare(std::string("SELECT ") + kEntryColumns + ", s.name, t.name"
                         " FROM line_history h INDEXED BY line_history_by_customer"
                         " JOIN devices d ON d.mac = h.device_mac JOIN sites s ON s.id = h.site_id"
                         " JOIN device_types t ON t.id = d.device_type_id"
                         " WHERE h.customer_id = ?1 AND h.at >= ?2 AND h.at <= ?3 AND (?4 IS NULL OR h.site_id = ?4)"
                         " AND (?5 IS NULL OR h.at > ?5 OR h.id > ?6) ORDER BY h.at, h.id LIMIT ?7");
    s.bind(1, q.customer_id).bind(2, lo).bind(3, highest(q)).bind(4, q.site_id);
    if (q.after) s.bind(5, q.after->at).bind(6, q.after->id);
    s.bind(7, q.limit);
    std::vector<HistoryEntry> out;
    while (s.step()) {
        auto e = read_entry(s);
        e.site = s.text(9);
        e.device_type = s.text(10);
        out.push_back(std::move(e));
    }
    return out;
}

std::int64_t SqliteStore::prune_history(std::int64_t before, int limit) {
    auto db = acquire();
    db->prepare("DELETE FROM line_history WHERE id IN (SELECT id FROM line_history INDEXED BY line_history_by_time"
                " WHERE at < ?1 ORDER BY at LIMIT ?2)")
        .bind(1, before)
        .bind(2, limit)
        .run();
    return db->changes();
}

std::vector<std::string> flapping_of(Database& db, const std::vector<std::string>& macs, std::int64_t now) {
    std::vector<std::string> out;
    if (macs.empty()) return out;
    std::string list = "[";
    for (const auto& m : macs) {
        if (list.size() > 1) list += ',';
        list += '"';
        for (char c : m)
            if (std::isxdigit(static_cast<unsigned char>(c))) list += c;  // normalised MACs: nothing to escape
        list += '"';
    }
    list += ']';
    // The page's devices, each by its lines on lines_by_device: never a walk of the history.
    auto s = db.prepare("SELECT DISTINCT l.device_mac FROM json_each(?1) j CROSS JOIN lines l INDEXED BY lines_by_device"
                        " ON l.device_mac = j.value WHERE l.flap_until > ?2");
    s.bind(1, list).bind(2, now);
    while (s.step()) out.push_back(s.text(0));
    return out;
}

std::vector<std::string> SqliteStore::flapping_devices(const std::vector<std::string>& macs, std::int64_t now) {
    auto db = acquire();
    return flapping_of(*db, macs, now);
}

}  // namespace phonefleet::store

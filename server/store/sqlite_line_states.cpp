// SqliteStore as the LineStateStore (F11): every line port, streamed for exports (pages: sqlite_line_pages.cpp).
#include <cctype>

#include "store/sqlite_lease.hpp"
#include "store/sql_rules.hpp"
#include "store/sqlite_store.hpp"

namespace phonefleet::store {
namespace {

// Only the filters present enter the SQL (one cached statement per combination), so that
// SQLite plans each on the index that fits. ?1 customer, ?2 site, ?3 type, ?4 text,
// ?6 MAC fragment, ?7 now, ?8 window.
std::string where_clause(const LineStateQuery& q) {
    std::string where = " WHERE d.customer_id = ?1";
    if (q.site_id) where += " AND d.site_id = ?2";
    if (!q.device_type.empty()) where += " AND d.device_type_id = (SELECT id FROM device_types WHERE name = ?3)";
    if (!q.text.empty())
        where += " AND (d.mac LIKE ?6 ESCAPE '\\' OR l.phone_number LIKE ?4 ESCAPE '\\'"
                 " OR l.extension LIKE ?4 ESCAPE '\\' OR s.name LIKE ?4 ESCAPE '\\' OR t.name LIKE ?4 ESCAPE '\\')";
    return where;
}

void bind_query(Statement& s, const LineStateQuery& q, const StateClock& clock) {
    const int n = s.parameter_count();
    auto maybe = [&](int i, auto&& v) {
        if (i <= n) s.bind(i, v);
    };
    maybe(1, q.customer_id);
    if (q.site_id) maybe(2, *q.site_id);
    maybe(3, q.device_type);
    maybe(4, like_pattern(q.text));
    maybe(6, like_pattern(mac_fragment(q.text)));
    maybe(7, clock.now);
    maybe(8, clock.aging_window_s);
}

}  // namespace

void SqliteStore::for_each_line_state(const LineStateQuery& q, const StateClock& clock,
                                      const std::function<void(const LineStateRow&)>& row) {
    auto db = acquire();
    // Every line port (assigned ports only) joined with its bindings, in MAC then port order
    // (the devices_by_customer and lines_by_device indexes give it; only a line's own bindings
    // are ever sorted together), so memory stays flat. A line with several bindings comes as
    // consecutive rows: it keeps the best one (best state, then the latest REGISTER), whose
    // state is the line's (SPEC 3: the best of its bindings). The state filter, the offset and
    // the limit apply to lines, after that choice.
    std::string sql =
        "SELECT s.id, s.name, d.mac, t.name, l.port, l.phone_number, l.extension,"
        " CASE WHEN r.id IS NULL THEN 2 ELSE " + binding_state_sql("r", "?7", "?8") + " END,"
        " r.remote_addr, r.host_ip, r.registered_to, r.user_agent, r.registered_at, r.expires_at, l.id"
        " FROM devices d JOIN lines l ON l.device_mac = d.mac"
        " JOIN sites s ON s.id = d.site_id JOIN device_types t ON t.id = d.device_type_id"
        " LEFT JOIN registrations r ON r.line_id = l.id" +
        where_clause(q) + " ORDER BY d.mac, l.port";
    auto s = db->prepare(sql);
    bind_query(s, q, clock);

    const std::int64_t limit = q.limit.value_or(-1);
    std::int64_t skipped = 0, emitted = 0;
    bool stop = false;
    auto emit = [&](const LineStateRow& r) {
        if (q.state && r.state != *q.state) return;
        if (skipped < q.offset) {
            ++skipped;
            return;
        }
        row(r);
        if (limit >= 0 && ++emitted >= limit) stop = true;
    };

    LineStateRow current;
    std::int64_t current_line = -1;
    while (!stop && s.step()) {
        const std::int64_t line_id = s.int64(14);
        const auto state = state_from_code(s.int32(7));
        const auto registered_at = s.opt_int64(12);
        if (line_id == current_line) {
            // Another binding of the same line: keep it only if it is better.
            const bool better = static_cast<int>(state) < static_cast<int>(current.state) ||
                                (state == current.state && registered_at.value_or(0) > current.registered_at.value_or(0));
            if (!better) continue;
        } else {
            if (current_line >= 0) emit(current);
            if (stop) break;
            current_line = line_id;
            current.site_id = s.int64(0);
            current.site = s.text_view(1);
            current.mac = s.text_view(2);
            current.device_type = s.text_view(3);
            current.port = s.int32(4);
            current.phone_number = s.text_view(5);
            current.extension = s.text_view(6);
        }
        current.state = state;
        current.remote_ip = s.text_view(8);
        current.host_ip = s.text_view(9);
        current.registered_to = s.text_view(10);
        current.user_agent = s.text_view(11);
        current.registered_at = registered_at;
        current.expires_at = s.opt_int64(13);
    }
    if (!stop && current_line >= 0) emit(current);
}

}  // namespace phonefleet::store

// SqliteStore: a Line States page (F11) and its counts at 1,000,000 lines, from the columns,
// indexes and counts that schema migration 15 keeps: no statement here reads every line unless
// the text filter is a common fragment (see TextPlan). Rows are lines in MAC, then port order.
#include <algorithm>
#include <map>
#include <vector>

#include "store/sql_rules.hpp"
#include "store/sqlite_lease.hpp"
#include "store/sqlite_read_snapshot.hpp"
#include "store/sqlite_store.hpp"

namespace phonefleet::store {
namespace {

// Parameters of every statement (only those present are bound): ?1 customer, ?2 site, ?3 type
// name, ?4 LIKE pattern of the text, ?5 limit, ?6 offset, ?7 now, ?8 aging window, ?9 MAC
// fragment, ?10 MAC trigram query, ?11 number trigram query, ?12 cursor MAC, ?13 cursor port.

// A line's state from its two instants (migration 15), the rule of SPEC 3 as for devices.
constexpr const char* kLineStateSql = "CASE WHEN l.healthy_until > ?7 THEN 0 WHEN l.aged_since > ?7 - ?8 THEN 1 ELSE 2 END";

// Registered and Aged are ranges of the partial state indexes; Unregistered is what they leave
// (its terms kept off the indexes with a unary +).
const char* state_condition(RegistrationState s) {
    switch (s) {
        case RegistrationState::Registered: return " AND l.healthy_until > ?7";
        case RegistrationState::Aged:
            return " AND l.aged_since > ?7 - ?8 AND (l.healthy_until IS NULL OR l.healthy_until <= ?7)";
        case RegistrationState::Unregistered:
            return " AND (+l.healthy_until IS NULL OR +l.healthy_until <= ?7)"
                   " AND (+l.aged_since IS NULL OR +l.aged_since <= ?7 - ?8)";
    }
    return "";
}

// The site and type filters on the columns of alias `a` (lines or a counts table).
std::string base_condition(const LineStateQuery& q, const std::string& a) {
    std::string where = a + ".customer_id = ?1";
    if (q.site_id) where += " AND " + a + ".site_id = ?2";
    if (!q.device_type.empty()) where += " AND " + a + ".device_type_id = (SELECT id FROM device_types WHERE name = ?3)";
    return where;
}

std::string site_text(const std::string& a) {
    return a + ".site_id IN (SELECT id FROM sites WHERE customer_id = ?1 AND name LIKE ?4 ESCAPE '\\')";
}
std::string type_text(const std::string& a) {
    return a + ".device_type_id IN (SELECT id FROM device_types WHERE name LIKE ?4 ESCAPE '\\')";
}
constexpr const char* kMacText = "instr(l.device_mac, ?9) > 0";
constexpr const char* kNumberText = "(l.phone_number LIKE ?4 ESCAPE '\\' OR l.extension LIKE ?4 ESCAPE '\\')";

// How the text filter q= (a substring of MAC, number, extension, site or type) is answered.
// A site or type name that matches makes whole sites or types match: counted from the counts
// tables. MACs and numbers that match are found from their trigram indexes when every trigram
// needed is rare (`selective`); otherwise (a fragment under 3 characters, or a common one) the
// lines are walked on the covering index, which finds a page quickly but counts every line.
struct TextPlan {
    bool any = false;
    bool site = false, type = false, mac = false, number = false;
    std::string fragment;                   // the text in stored MAC form
    std::string mac_search, number_search;  // FTS5 queries of the two rarest trigrams
    bool selective = true;
};

// The two rarest trigrams of `text` in an FTS5 table, as a query, and whether they are rare.
std::pair<std::string, bool> rare_trigrams(Database& db, const char* table, const std::string& text) {
    constexpr std::int64_t kDense = 8192;
    if (text.size() < 3) return {"", false};
    std::vector<std::pair<std::int64_t, std::string>> trigrams;
    auto probe = db.prepare(std::string("SELECT count(*) FROM (SELECT 1 FROM ") + table + " WHERE " + table +
                            " MATCH ?1 LIMIT ?2)");
    for (std::size_t i = 0; i + 3 <= text.size(); ++i) {
        const std::string phrase = "\"" + text.substr(i, 3) + "\"";  // hex digits and digits need no quoting
        if (std::any_of(trigrams.begin(), trigrams.end(), [&](const auto& t) { return t.second == phrase; })) continue;
        probe.bind(1, phrase).bind(2, kDense + 1);
        const std::int64_t n = probe.step() ? probe.int64(0) : 0;
        probe.reset();
        trigrams.emplace_back(n, phrase);
    }
    std::sort(trigrams.begin(), trigrams.end());
    std::string query = trigrams[0].second;
    if (trigrams.size() > 1) query += " AND " + trigrams[1].second;
    return {query, trigrams[0].first <= kDense};
}

bool all_digits(const std::string& s) {
    return !s.empty() && std::all_of(s.begin(), s.end(), [](unsigned char c) { return c >= '0' && c <= '9'; });
}

TextPlan plan_text(Database& db, const LineStateQuery& q) {
    TextPlan p;
    if (q.text.empty()) return p;
    p.any = true;
    p.fragment = mac_fragment(q.text);
    p.mac = p.fragment != "-";
    p.number = all_digits(q.text);  // numbers and extensions are digits only (SPEC 5)
    auto names = db.prepare("SELECT EXISTS(SELECT 1 FROM sites WHERE customer_id = ?1 AND name LIKE ?2 ESCAPE '\\'),"
                            " EXISTS(SELECT 1 FROM device_types WHERE name LIKE ?2 ESCAPE '\\')");
    names.bind(1, q.customer_id).bind(2, like_pattern(q.text));
    if (names.step()) p.site = names.int32(0) != 0, p.type = names.int32(1) != 0;
    if (p.mac) {
        auto [query, rare] = rare_trigrams(db, "device_mac_search", p.fragment);
        p.mac_search = query;
        p.selective = p.selective && rare;
    }
    if (p.number) {
        auto [query, rare] = rare_trigrams(db, "line_search", q.text);
        p.number_search = query;
        p.selective = p.selective && rare;
    }
    return p;
}

// Lines matching the text by MAC or number but not by site or type: the ids from the trigram
// indexes (TextPlan::selective), each tested for the whole text (CROSS JOIN: from the index's
// few matches to their lines, never every line probing the index).
std::string explicit_matches(const LineStateQuery& q, const TextPlan& p) {
    std::string not_named;
    if (p.site) not_named += " AND NOT " + site_text("l");
    if (p.type) not_named += " AND NOT " + type_text("l");
    const std::string base = " WHERE " + base_condition(q, "l") + not_named;
    std::vector<std::string> parts;
    if (p.mac)
        parts.push_back("SELECT l.id FROM device_mac_search f CROSS JOIN lines l ON l.device_mac = printf('%012X', f.rowid)" +
                        base + " AND f.device_mac_search MATCH ?10 AND " + kMacText);
    if (p.number)
        parts.push_back("SELECT l.id FROM line_search f CROSS JOIN lines l ON l.id = f.rowid" + base +
                        " AND f.line_search MATCH ?11 AND " + kNumberText);
    if (parts.empty()) return "SELECT NULL AS id WHERE 0";
    std::string sql = parts[0];
    for (std::size_t i = 1; i < parts.size(); ++i) sql += " UNION " + parts[i];
    return sql;
}

// The whole text condition on a line (a walk tests it on the covering index).
std::string text_condition(const TextPlan& p) {
    if (!p.any) return "";
    std::vector<std::string> kinds;
    if (p.mac) kinds.emplace_back(kMacText);
    if (p.number) kinds.emplace_back(kNumberText);
    if (p.site) kinds.push_back(site_text("l"));
    if (p.type) kinds.push_back(type_text("l"));
    if (kinds.empty()) return " AND 0";
    std::string sql = " AND (" + kinds[0];
    for (std::size_t i = 1; i < kinds.size(); ++i) sql += " OR " + kinds[i];
    return sql + ")";
}

class LineStatements {
public:
    LineStatements(Database& db, const LineStateQuery& q, const TextPlan& p, const StateClock& clock)
        : db_(db), q_(q), p_(p), clock_(clock) {}

    Database& db() { return db_; }
    std::string from_mac;  // ?14: where a deep page= walk starts

    void bind(Statement& s, std::int64_t limit = 0, std::int64_t offset = 0) {
        const int n = s.parameter_count();
        auto maybe = [&](int i, auto&& v) {
            if (i <= n) s.bind(i, v);
        };
        maybe(1, q_.customer_id);
        if (q_.site_id) maybe(2, *q_.site_id);
        maybe(3, q_.device_type);
        maybe(4, like_pattern(q_.text));
        maybe(5, limit);
        maybe(6, offset);
        maybe(7, clock_.now);
        maybe(8, clock_.aging_window_s);
        maybe(9, p_.fragment);
        maybe(10, p_.mac_search);
        maybe(11, p_.number_search);
        maybe(12, q_.after ? q_.after->mac : std::string());
        maybe(13, q_.after ? q_.after->port : 0);
        maybe(14, from_mac);
    }

private:
    Database& db_;
    const LineStateQuery& q_;
    const TextPlan& p_;
    const StateClock& clock_;
};

SiteLineStateCounts& site_of(std::vector<SiteLineStateCounts>& out, std::int64_t site_id) {
    auto it = std::find_if(out.begin(), out.end(), [&](const auto& c) { return c.site_id == site_id; });
    if (it != out.end()) return *it;
    out.push_back({site_id});
    return out.back();
}

// Counts of whole sites or types (the filters, and `extra` on the counts' site and type)
// from the tables kept by triggers: totals, the Registered range, the Aged range.
void add_table_counts(LineStatements& st, const LineStateQuery& q, const std::string& extra,
                      std::vector<SiteLineStateCounts>& out) {
    const std::string where = " WHERE " + base_condition(q, "c") + extra;
    std::map<std::int64_t, std::int64_t> registered, aged;
    auto reg = st.db().prepare("SELECT c.site_id, sum(c.lines) FROM line_state_counts c" + where +
                          " AND c.healthy_until > ?7 GROUP BY c.site_id");
    st.bind(reg);
    while (reg.step()) registered[reg.int64(0)] = reg.int64(1);
    auto old = st.db().prepare("SELECT c.site_id, sum(c.lines) FROM line_state_counts c INDEXED BY line_state_counts_aged" +
                          where + " AND c.aged_since > ?7 - ?8 AND c.healthy_until <= ?7 GROUP BY c.site_id");
    st.bind(old);
    while (old.step()) aged[old.int64(0)] = old.int64(1);
    auto all = st.db().prepare("SELECT c.site_id, sum(c.lines) FROM line_counts c" + where + " GROUP BY c.site_id");
    st.bind(all);
    while (all.step()) {
        auto& c = site_of(out, all.int64(0));
        const auto r = registered[all.int64(0)], a = aged[all.int64(0)];
        c.registered += r;
        c.aged += a;
        c.unregistered += all.int64(1) - r - a;
    }
}

// Counts of the lines a FROM ... WHERE selects, one state per line.
void add_row_counts(LineStatements& st, const std::string& from_where, std::vector<SiteLineStateCounts>& out) {
    auto s = st.db().prepare(std::string("SELECT l.site_id, ") + kLineStateSql + ", count(*)" + from_where + " GROUP BY 1, 2");
    st.bind(s);
    while (s.step()) {
        auto& c = site_of(out, s.int64(0));
        const auto n = s.int64(2);
        switch (s.int32(1)) {
            case 0: c.registered += n; break;
            case 1: c.aged += n; break;
            default: c.unregistered += n; break;
        }
    }
}

std::vector<SiteLineStateCounts> counts_of(LineStatements& st, const LineStateQuery& q, const TextPlan& p) {
    std::vector<SiteLineStateCounts> out;
    if (!p.any) {
        add_table_counts(st, q, "", out);
    } else if (!p.selective) {  // a common fragment: every line of the filters tested
        add_row_counts(st,
                       std::string(" FROM lines l INDEXED BY ") + (q.site_id ? "lines_by_site" : "lines_by_customer") +
                           " WHERE " + base_condition(q, "l") + text_condition(p),
                       out);
    } else {  // three disjoint parts: named sites, named types elsewhere, MAC or number matches elsewhere
        if (p.site) add_table_counts(st, q, " AND " + site_text("c"), out);
        if (p.type) add_table_counts(st, q, " AND " + type_text("c") + (p.site ? " AND NOT " + site_text("c") : ""), out);
        add_row_counts(st, " FROM lines l WHERE l.id IN (" + explicit_matches(q, p) + ")", out);
    }
    std::sort(out.begin(), out.end(), [](const auto& a, const auto& b) { return a.site_id < b.site_id; });
    return out;
}

std::int64_t total_of(const std::vector<SiteLineStateCounts>& counts, const std::optional<RegistrationState>& state) {
    std::int64_t n = 0;
    for (const auto& c : counts)
        n += !state ? c.registered + c.aged + c.unregistered
             : *state == RegistrationState::Registered ? c.registered
             : *state == RegistrationState::Aged       ? c.aged
                                                       : c.unregistered;
    return n;
}

// The page's rows with their best binding (SPEC 3: a line is the best of its bindings; the
// registration columns come from the best, then the latest REGISTER), in MAC, port order.
std::vector<LineStateRow> rows_of(LineStatements& st, const std::string& page_ids, std::int64_t limit,
                                  std::int64_t offset) {
    auto s = st.db().prepare("SELECT s.id, s.name, l.device_mac, t.name, l.port, l.phone_number, l.extension,"
        " CASE WHEN r.id IS NULL THEN 2 ELSE " + binding_state_sql("r", "?7", "?8") + " END,"
        " r.remote_addr, r.host_ip, r.registered_to, r.user_agent, r.registered_at, r.expires_at, l.id,"
        " coalesce(l.flap_until > ?7, 0)"
        " FROM (" + page_ids + ") p JOIN lines l ON l.id = p.id"
        " JOIN sites s ON s.id = l.site_id JOIN device_types t ON t.id = l.device_type_id"
        " LEFT JOIN registrations r ON r.line_id = l.id");
    st.bind(s,
        limit, offset);
    std::map<std::int64_t, LineStateRow> by_line;
    while (s.step()) {
        const auto state = state_from_code(s.int32(7));
        const auto registered_at = s.opt_int64(12);
        auto [it, fresh] = by_line.try_emplace(s.int64(14));
        auto& row = it->second;
        if (fresh) {
            row.site_id = s.int64(0);
            row.site = s.text(1);
            row.mac = s.text(2);
            row.device_type = s.text(3);
            row.port = s.int32(4);
            row.phone_number = s.text(5);
            row.extension = s.text(6);
            row.flapping = s.int32(15) != 0;  // F18: kept on the line, no read of the history
        } else {
            const bool better = static_cast<int>(state) < static_cast<int>(row.state) ||
                                (state == row.state && registered_at.value_or(0) > row.registered_at.value_or(0));
            if (!better) continue;
        }
        row.state = state;
        row.remote_ip = s.text(8);
        row.host_ip = s.text(9);
        row.registered_to = s.text(10);
        row.user_agent = s.text(11);
        row.registered_at = registered_at;
        row.expires_at = s.opt_int64(13);
    }
    std::vector<LineStateRow> rows;
    rows.reserve(by_line.size());
    for (auto& [id, row] : by_line) rows.push_back(std::move(row));
    std::sort(rows.begin(), rows.end(),
              [](const auto& a, const auto& b) { return a.mac != b.mac ? a.mac < b.mac : a.port < b.port; });
    return rows;
}

}  // namespace

std::vector<SiteLineStateCounts> SqliteStore::count_line_states(const LineStateQuery& q, const StateClock& clock) {
    auto db = acquire();
    ReadSnapshot snapshot(*db, !in_transaction());
    const auto plan = plan_text(*db, q);
    LineStatements st(*db, q, plan, clock);
    return counts_of(st, q, plan);
}

LineStateSlice SqliteStore::line_state_page(const LineStateQuery& q, const StateClock& clock) {
    auto db = acquire();
    ReadSnapshot snapshot(*db, !in_transaction());
    const auto plan = plan_text(*db, q);
    LineStatements st(*db, q, plan, clock);

    LineStateSlice out;
    out.counts = counts_of(st, q, plan);
    out.total = total_of(out.counts, q.state);
    std::int64_t limit = q.limit.value_or(out.total), offset = q.after ? 0 : q.offset;
    if (limit < 1 || offset >= out.total) return out;

    // A page past the middle (page=) is read from the end: skipped entries cost, even on an index.
    const bool backwards = !q.after && out.total - offset - limit < offset;
    if (backwards) {
        limit = std::min(limit, out.total - offset);
        out.more = offset + limit < out.total;
        offset = out.total - offset - limit;
    }
    const std::string dir = backwards ? " DESC" : "";
    const std::string order = " ORDER BY l.device_mac" + dir + ", l.port" + dir;
    const std::string after = q.after ? " AND (l.device_mac, l.port) > (?12, ?13)" : "";
    std::string from_mac;  // the first device of the page (page= deep, see below)
    const std::string filters = " WHERE " + base_condition(q, "l") + (q.state ? state_condition(*q.state) : "") + after;

    // Two ways to a page: walk the customer's (or site's) lines in order on an index that
    // covers every filter until the page is full, about (offset + limit) / density entries; or
    // take the few candidates of a range (a state, the text's trigram matches) and sort them,
    // about `total` entries. The cheaper is taken.
    const bool ranged_state = q.state && *q.state != RegistrationState::Unregistered && !plan.any;
    const bool ranged_text = plan.any && plan.selective && !plan.site && !plan.type;
    bool sorted = false;
    if (ranged_state || ranged_text) {
        LineStateQuery walked_q;
        walked_q.customer_id = q.customer_id;
        walked_q.site_id = q.site_id;
        std::int64_t walked = 0;
        auto w = st.db().prepare("SELECT coalesce(sum(c.lines), 0) FROM line_counts c WHERE " + base_condition(walked_q, "c"));
        st.bind(w);
        if (w.step()) walked = w.int64(0);
        const double walk = static_cast<double>(offset + limit) * static_cast<double>(walked) /
                            static_cast<double>(std::max<std::int64_t>(out.total, 1));
        sorted = ranged_text || 4.0 * static_cast<double>(out.total) < walk;
    }
    // page= without a state or text filter: whole devices are skipped by their line counts on
    // the device index (16 lines a step), the rest of the offset within the first device.
    if (!q.after && !q.state && !plan.any && offset > 0) {
        auto d = st.db().prepare(std::string("SELECT d.mac, d.line_count FROM devices d INDEXED BY devices_by_customer"
                                             " WHERE d.customer_id = ?1") +
                                 (q.site_id ? " AND d.site_id = ?2" : "") +
                                 (q.device_type.empty() ? "" : " AND d.device_type_id = (SELECT id FROM device_types WHERE name = ?3)") +
                                 " AND d.line_count > 0 ORDER BY d.mac" + dir);
        st.bind(d);
        std::int64_t skipped = 0;
        while (d.step()) {
            if (skipped + d.int64(1) > offset) {
                from_mac = d.text(0);
                offset -= skipped;
                break;
            }
            skipped += d.int64(1);
        }
        st.from_mac = from_mac;
    }
    std::string page_ids;
    if (!sorted) {
        const char* index = q.site_id ? "lines_by_site" : "lines_by_customer";
        page_ids = std::string("SELECT l.id FROM lines l INDEXED BY ") + index + filters + text_condition(plan) +
                   (from_mac.empty() ? "" : backwards ? " AND l.device_mac <= ?14" : " AND l.device_mac >= ?14") + order +
                   " LIMIT ?5 OFFSET ?6";
    } else if (ranged_text) {
        // From the matches to their lines (never a walk of every line testing membership).
        page_ids = "SELECT l.id FROM (" + explicit_matches(q, plan) + ") m CROSS JOIN lines l ON l.id = m.id" + filters +
                   order + " LIMIT ?5 OFFSET ?6";
    } else {
        const char* index = *q.state == RegistrationState::Registered ? "lines_by_customer_healthy" : "lines_by_customer_aged";
        page_ids = std::string("SELECT l.id FROM lines l INDEXED BY ") + index + filters + order + " LIMIT ?5 OFFSET ?6";
    }
    // Forward, one row more than the page says whether another follows.
    out.rows = rows_of(st, page_ids, backwards ? limit : limit + 1, offset);
    if (!backwards && static_cast<std::int64_t>(out.rows.size()) > limit) {
        out.rows.resize(static_cast<std::size_t>(limit));
        out.more = true;
    }
    return out;
}

}  // namespace phonefleet::store

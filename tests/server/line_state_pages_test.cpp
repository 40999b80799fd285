// Line States at scale (issue 19): the counts kept by triggers (schema migration 15) against a
// recount of the lines by the export's own query (which reads the bindings themselves), after
// imports, registrations, probes, lapses and removals at moving clocks; and paging, by cursor
// and by page number, with each filter: every row once, in order.
#include <catch2/catch.hpp>

#include <map>
#include <tuple>

#include "phonefleet/line_state.hpp"
#include "store/sqlite_store.hpp"
#include "test_server.hpp"

using namespace phonefleet;

namespace {

constexpr std::int64_t kWindow = 3600;

struct Fleet {
    testing::TempDir dir;
    std::string path = (dir.path() / "db.sqlite").string();
    store::SqliteStore store{path, 2};
    std::int64_t customer = 0, other = 0, paris = 0, lyon = 0, elsewhere = 0;
    std::map<std::string, std::int64_t> line_ids;  // phone number -> line id

    Fleet() {
        store.upsert_device_type({{"Cisco 6841", "Cisco", 4, false}, "check-sync"});
        store.upsert_device_type({{"Yealink T54W", "Yealink", 16, false}, "check-sync"});
        const auto provider = store.insert_provider("P");
        customer = store.insert_customer(provider, "C");
        other = store.insert_customer(provider, "Other");
        paris = store.insert_site(customer, "Paris");
        lyon = store.insert_site(customer, "Lyon");
        elsewhere = store.insert_site(other, "Paris");
    }

    void line(const std::string& mac, int port, const std::string& number) {
        store.insert_line({mac, port, number, std::to_string(10 + port), "", "x", "y"});
        auto account = store.find_sip_account(number);
        line_ids[number] = account->line_id;
    }

    void bind(const std::string& number, const std::string& contact, std::int64_t at, std::int64_t expires) {
        store::Binding b;
        b.line_id = line_ids.at(number);
        b.contact_uri = contact;
        b.registered_at = at;
        b.expires_at = expires;
        store.upsert_binding(b);
    }
};

using Tally = std::map<std::pair<std::int64_t, RegistrationState>, std::int64_t>;

Tally recount(store::LineStateStore& s, store::LineStateQuery q, std::int64_t now) {
    q.state.reset();
    q.limit.reset();
    q.offset = 0;
    q.after.reset();
    Tally t;
    s.for_each_line_state(q, {now, kWindow}, [&](const store::LineStateRow& r) { ++t[{r.site_id, r.state}]; });
    return t;
}

Tally tally_of(const std::vector<store::SiteLineStateCounts>& counts) {
    Tally t;
    for (const auto& c : counts) {
        if (c.registered) t[{c.site_id, RegistrationState::Registered}] = c.registered;
        if (c.aged) t[{c.site_id, RegistrationState::Aged}] = c.aged;
        if (c.unregistered) t[{c.site_id, RegistrationState::Unregistered}] = c.unregistered;
    }
    return t;
}

std::vector<store::LineStateQuery> filters(const Fleet& f) {
    std::vector<store::LineStateQuery> out;
    auto add = [&](auto&& edit) {
        store::LineStateQuery q;
        q.customer_id = f.customer;
        edit(q);
        out.push_back(q);
    };
    add([](auto&) {});
    add([&](auto& q) { q.site_id = f.lyon; });
    add([](auto& q) { q.device_type = "yealink t54w"; });
    for (const char* text : {"00:1e", "0A0003", "3314", "331400000", "12", "Lyo", "T54", "zzz", "1"})
        add([&](auto& q) { q.text = text; });
    add([&](auto& q) { q.site_id = f.paris, q.text = "3314"; });
    add([](auto& q) { q.device_type = "Cisco 6841", q.text = "001E4A0A"; });
    return out;
}

void check_counts(Fleet& f, std::int64_t now) {
    for (auto q : filters(f)) {
        INFO("now=" << now << " site=" << q.site_id.value_or(0) << " type=" << q.device_type << " q=" << q.text);
        CHECK(tally_of(f.store.count_line_states(q, {now, kWindow})) == recount(f.store, q, now));
        for (auto s : {RegistrationState::Registered, RegistrationState::Aged, RegistrationState::Unregistered}) {
            q.state = s;
            q.limit = 1;
            const auto expected = recount(f.store, q, now);
            std::int64_t n = 0;
            for (const auto& [key, count] : expected)
                if (key.second == s) n += count;
            CHECK(f.store.line_state_page(q, {now, kWindow}).total == n);
        }
    }
}

// Every row of a query, by cursor pages of `per_page` and by page numbers, against the export's
// single walk: the same rows, once each, in MAC then port order, with the same states.
void check_paging(Fleet& f, std::int64_t now, int per_page) {
    for (auto base : filters(f)) {
        for (std::optional<RegistrationState> s : {std::optional<RegistrationState>{}, std::optional{RegistrationState::Registered},
                                                   std::optional{RegistrationState::Aged},
                                                   std::optional{RegistrationState::Unregistered}}) {
            base.state = s;
            INFO("site=" << base.site_id.value_or(0) << " type=" << base.device_type << " q=" << base.text
                         << " state=" << (s ? to_string(*s) : "any"));
            std::vector<std::tuple<std::string, int, RegistrationState>> expected, by_cursor, by_page;
            f.store.for_each_line_state(base, {now, kWindow}, [&](const store::LineStateRow& r) {
                expected.emplace_back(r.mac, r.port, r.state);
            });
            auto q = base;
            q.limit = per_page;
            for (int guard = 0; guard < 1000; ++guard) {
                auto slice = f.store.line_state_page(q, {now, kWindow});
                CHECK(slice.total == static_cast<std::int64_t>(expected.size()));
                for (const auto& r : slice.rows) by_cursor.emplace_back(r.mac, r.port, r.state);
                if (!slice.more) break;
                REQUIRE(!slice.rows.empty());
                q.after = store::LinePosition{slice.rows.back().mac, slice.rows.back().port};
            }
            CHECK(by_cursor == expected);
            q = base;
            q.limit = per_page;
            for (std::int64_t page = 0; page * per_page < static_cast<std::int64_t>(expected.size()) + per_page; ++page) {
                q.offset = page * per_page;
                auto slice = f.store.line_state_page(q, {now, kWindow});
                const bool last = (page + 1) * per_page >= static_cast<std::int64_t>(expected.size());
                if (!slice.rows.empty()) CHECK(slice.more == !last);
                for (const auto& r : slice.rows) by_page.emplace_back(r.mac, r.port, r.state);
            }
            CHECK(by_page == expected);
        }
    }
}

}  // namespace

TEST_CASE("line-state counts kept by triggers equal a recount after imports, registrations, lapses",
          "[line-states][counts]") {
    Fleet f;
    const std::int64_t t0 = 1'800'000'000;
    // An import (set-based, triggers off while it inserts) and single devices, then lines.
    std::vector<store::ImportedDevice> imported;
    for (int i = 0; i < 12; ++i) {
        char mac[13];
        std::snprintf(mac, sizeof mac, "001E4A0A%04X", i);
        imported.push_back({mac, i % 3 == 0 ? f.lyon : f.paris, i % 2 ? "Cisco 6841" : "Yealink T54W", std::nullopt});
    }
    f.store.transaction([&] { f.store.insert_devices(f.customer, imported); });
    f.store.insert_device({"001E4B000001", f.customer, f.paris, "Cisco 6841", std::nullopt});
    f.store.insert_device({"001E4A0B0001", f.other, f.elsewhere, "Cisco 6841", std::nullopt});
    int n = 0;
    for (const auto& d : imported)
        for (int port = 1; port <= 3; ++port) f.line(d.mac, port, "3314000" + std::to_string(1000 + n++));
    f.line("001E4B000001", 2, "33150000001");
    f.line("001E4A0B0001", 1, "33140000999");  // another customer's: never counted
    check_counts(f, t0);

    // Registrations: some live, one line with two bindings, some already lapsed.
    for (int i = 0; i < 20; ++i) f.bind("3314000" + std::to_string(1000 + i), "sip:a@x", t0, t0 + 60 + i * 30);
    f.bind("33140001000", "sip:b@x", t0, t0 + 7200);
    f.bind("33140001030", "sip:a@x", t0 - 5000, t0 - 100);
    f.bind("33150000001", "sip:a@x", t0, t0 + 100);
    f.bind("33140000999", "sip:a@x", t0, t0 + 100);
    check_counts(f, t0);

    // A probe unanswered (Aged at once), a re-REGISTER (clears it), a de-registration.
    auto bindings = f.store.line_bindings(f.line_ids.at("33140001003"), t0);
    REQUIRE(bindings.size() == 1);
    f.store.set_probe_failed(bindings[0].id, t0);
    f.store.set_probe_failed(f.store.line_bindings(f.line_ids.at("33140001004"), t0).at(0).id, t0);
    f.bind("33140001004", "sip:a@x", t0 + 1, t0 + 900);
    f.store.delete_binding(f.line_ids.at("33140001005"), "sip:a@x");
    check_counts(f, t0 + 1);

    // Time passes: bindings expire into Aged, then age out (no write at all).
    for (std::int64_t later : {t0 + 200, t0 + 650, t0 + 3000, t0 + 3700, t0 + kWindow + 700, t0 + 3 * kWindow})
        check_counts(f, later);

    // Removals: a line, a device with its lines and bindings.
    f.store.delete_line(imported[0].mac, 1);
    f.store.delete_device(imported[1].mac);
    check_counts(f, t0 + 300);
}

TEST_CASE("line-state paging: by cursor and by page, with each filter, every row once and in order",
          "[line-states][cursor]") {
    Fleet f;
    const std::int64_t t0 = 1'800'000'000;
    int n = 0;
    for (int i = 0; i < 9; ++i) {
        char mac[13];
        std::snprintf(mac, sizeof mac, "001E4A0A%04X", 8 - i);  // inserted out of MAC order
        f.store.insert_device({mac, f.customer, i % 3 == 0 ? f.lyon : f.paris, i % 2 ? "Cisco 6841" : "Yealink T54W",
                               std::nullopt});
        for (int port : {3, 1, 2}) f.line(mac, port, "3314000" + std::to_string(1000 + n++));
    }
    for (int i = 0; i < 27; i += 2) f.bind("3314000" + std::to_string(1000 + i), "sip:a@x", t0 - 100, t0 + (i % 4 ? 500 : -50));
    for (int per_page : {1, 4, 7, 100}) check_paging(f, t0, per_page);
}

TEST_CASE("a database of the previous schema upgrades: its lines, counts and search are filled",
          "[line-states][counts][migration]") {
    testing::TempDir dir;
    const std::string path = (dir.path() / "db.sqlite").string();
    const std::int64_t t0 = 1'800'000'000;
    store::LineStateQuery q;
    {
        store::SqliteStore s(path, 1);
        s.upsert_device_type({{"Cisco 6841", "Cisco", 4, false}, "check-sync"});
        q.customer_id = s.insert_customer(s.insert_provider("P"), "C");
        const auto site = s.insert_site(q.customer_id, "S");
        s.insert_device({"001E4A000001", q.customer_id, site, "Cisco 6841", std::nullopt});
        s.insert_line({"001E4A000001", 1, "33140000001", "11", "", "x", "y"});
        s.insert_line({"001E4A000001", 2, "33140000002", "12", "", "x", "y"});
        store::Binding b;
        b.line_id = s.find_sip_account("33140000001")->line_id;
        b.contact_uri = "sip:a@x";
        b.registered_at = t0;
        b.expires_at = t0 + 60;
        s.upsert_binding(b);
    }
    {
        // Back to the schema before migration 15, as a database of the previous release (and
        // so before migration 16's history too).
        store::Database raw(path);
        raw.exec(
            "DROP TABLE line_history; DROP TABLE history_sweep; ALTER TABLE lines DROP COLUMN history_state;"
            " ALTER TABLE lines DROP COLUMN flap_until;"
            " DROP TRIGGER lines_owner_insert; DROP TRIGGER devices_lines_move; DROP TRIGGER lines_counts_owner;"
            " DROP TRIGGER lines_counts_delete; DROP TRIGGER lines_state_counts_update;"
            " DROP TRIGGER registrations_line_times_insert; DROP TRIGGER registrations_line_times_update;"
            " DROP TRIGGER registrations_line_times_delete; DROP TRIGGER lines_search_insert;"
            " DROP TRIGGER lines_search_delete; DROP TRIGGER lines_search_update; DROP TABLE line_search;"
            " DROP TABLE line_counts; DROP TABLE line_state_counts; DROP INDEX lines_by_customer;"
            " DROP INDEX lines_by_site; DROP INDEX lines_by_customer_healthy; DROP INDEX lines_by_customer_aged;"
            " ALTER TABLE lines DROP COLUMN customer_id; ALTER TABLE lines DROP COLUMN site_id;"
            " ALTER TABLE lines DROP COLUMN device_type_id; ALTER TABLE lines DROP COLUMN healthy_until;"
            " ALTER TABLE lines DROP COLUMN aged_since; PRAGMA user_version = 14;");
    }
    store::SqliteStore s(path, 1);
    for (std::int64_t now : {t0, t0 + 100, t0 + 2 * kWindow}) {
        CHECK(tally_of(s.count_line_states(q, {now, kWindow})) == recount(s, q, now));
    }
    q.text = "40000002";
    q.limit = 10;
    auto slice = s.line_state_page(q, {t0, kWindow});
    REQUIRE(slice.rows.size() == 1);
    CHECK(slice.rows[0].port == 2);
}

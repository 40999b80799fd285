// The device list of the store (F1) against a plain reference query that tests every device:
// every filter combination, the text search (MAC fragments in any notation, long and short,
// site and type names) and pages read forwards and backwards give the same totals and rows,
// and another customer's devices never appear, whatever they have in common with the query.
#include <catch2/catch.hpp>

#include <cstdio>
#include <string>
#include <vector>

#include "phonefleet/line_state.hpp"
#include "store/sql_rules.hpp"
#include "store/sqlite_store.hpp"
#include "test_server.hpp"

using namespace phonefleet;

namespace {

struct Row {
    std::string mac, type, site;
    std::int64_t site_id = 0;
    int available = 0;
    RegistrationState state = RegistrationState::Unregistered;
    bool operator==(const Row& o) const {
        return mac == o.mac && type == o.type && site == o.site && site_id == o.site_id && available == o.available &&
               state == o.state;
    }
};

std::string describe(const std::vector<Row>& rows) {
    std::string out;
    for (const auto& r : rows)
        out += r.mac + "/" + r.site + "/" + r.type + "/" + std::to_string(r.available) + "/" +
               std::to_string(static_cast<int>(r.state)) + " ";
    return out;
}

// Every device of the customer that matches, by testing each one (no index, no trick).
std::vector<Row> reference(store::Database& db, const store::DeviceQuery& q, const store::StateClock& clock) {
    std::string sql =
        "SELECT d.mac, t.name, s.name, s.id, t.ports - (SELECT count(*) FROM lines l WHERE l.device_mac = d.mac),"
        " coalesce((SELECT min(" + store::binding_state_sql("r", "?5", "?6") + ") FROM lines l"
        " JOIN registrations r ON r.line_id = l.id WHERE l.device_mac = d.mac), 2)"
        " FROM devices d NOT INDEXED JOIN sites s ON s.id = d.site_id JOIN device_types t ON t.id = d.device_type_id"
        " WHERE d.customer_id = ?1 AND (?2 IS NULL OR d.site_id = ?2) AND (?3 = '' OR t.name = ?3 COLLATE NOCASE)"
        " AND (?4 = '' OR instr(d.mac, ?7) > 0 OR s.name LIKE ?8 ESCAPE '\\' OR t.name LIKE ?8 ESCAPE '\\')"
        " ORDER BY d.mac";
    auto s = db.prepare(sql);
    s.bind(1, q.customer_id).bind(2, q.site_id).bind(3, q.device_type).bind(4, q.text);
    s.bind(5, clock.now).bind(6, clock.aging_window_s);
    s.bind(7, store::mac_fragment(q.text)).bind(8, store::like_pattern(q.text));
    std::vector<Row> out;
    while (s.step()) {
        Row r{s.text(0), s.text(1), s.text(2), s.int64(3), s.int32(4), store::state_from_code(s.int32(5))};
        if (!q.state || r.state == *q.state) out.push_back(std::move(r));
    }
    return out;
}

std::vector<Row> rows_of(const DevicePage& page) {
    std::vector<Row> out;
    for (const auto& d : page.items) out.push_back({d.mac, d.device_type, d.site, d.site_id, d.available_lines, d.state});
    return out;
}

struct Fleet {
    std::int64_t cafe = 0, other = 0;
    std::int64_t lyon = 0, paris = 0, accents = 0, other_lyon = 0;
    std::vector<std::string> other_macs;
};

// Two customers whose devices share MAC prefixes and fragments, a site name and every type;
// lines on some devices; bindings in every state.
Fleet make_fleet(store::SqliteStore& store, const std::string& path, std::int64_t now, std::int64_t window) {
    store.upsert_device_type({{"Cisco 6841", "Cisco", 4, false}, "check-sync"});
    store.upsert_device_type({{"Poly CCX 400", "Poly", 1, false}, "check-sync"});
    store.upsert_device_type({{"Snom D785", "Snom", 12, false}, "check-sync"});
    store.upsert_device_type({{"Yealink W70B", "Yealink", 8, true}, "check-sync"});
    Fleet f;
    auto provider = store.insert_provider("P");
    f.cafe = store.insert_customer(provider, "Café Lumière");
    f.other = store.insert_customer(provider, "Boulangerie Dupont");
    f.lyon = store.insert_site(f.cafe, "Lyon");
    f.paris = store.insert_site(f.cafe, "Paris");
    f.accents = store.insert_site(f.cafe, "Crèche Écully");
    f.other_lyon = store.insert_site(f.other, "Lyon");
    const std::int64_t sites[] = {f.lyon, f.paris, f.paris, f.accents};
    const char* types[] = {"Cisco 6841", "Poly CCX 400", "Snom D785", "Yealink W70B", "Cisco 6841"};

    store::Database raw(path);
    int phone = 0;
    auto add = [&](const std::string& mac, std::int64_t customer, std::int64_t site, int i) {
        const std::string type = types[i % 5];
        store.insert_device({mac, customer, site, type,
                             type == "Yealink W70B" ? std::optional<std::string>("7") : std::nullopt});
        if (i % 3 != 0) return;
        store.insert_line({mac, 1, "3312" + std::to_string(100000 + phone++), "10", "", "x", "y"});
        if (i % 6 == 0 && type != "Poly CCX 400")
            store.insert_line({mac, 2, "3312" + std::to_string(100000 + phone++), "11", "", "x", "y"});
        // Registered, Aged (lapsed or probe unanswered), aged out, or never registered.
        std::optional<std::int64_t> expires, failed;
        switch ((i / 3) % 5) {
            case 0: expires = now + 600; break;
            case 1: expires = now - 60; break;
            case 2: expires = now + 600, failed = now - 5; break;
            case 3: expires = now - window - 10; break;
            default: break;
        }
        if (!expires) return;
        raw.prepare("INSERT INTO registrations(line_id, contact_uri, registered_at, expires_at, probe_failed_at)"
                    " SELECT id, 'sip:x@y', ?2 - 3600, ?2, ?3 FROM lines WHERE device_mac = ?1 AND port = 1")
            .bind(1, mac)
            .bind(2, *expires)
            .bind(3, failed)
            .run();
    };
    char mac[13];
    for (int i = 0; i < 1200; ++i) {
        std::snprintf(mac, sizeof mac, "001E4A%06X", static_cast<unsigned>(i * 37));
        add(mac, f.cafe, sites[i % 4], i);
    }
    for (int i = 0; i < 40; ++i) {  // "D785" in the MAC as in a type name
        std::snprintf(mac, sizeof mac, "00D785%06X", static_cast<unsigned>(i * 101));
        add(mac, f.cafe, sites[i % 4], i);
    }
    for (int i = 0; i < 300; ++i) {  // the other customer: the same prefixes, a site named Lyon
        std::snprintf(mac, sizeof mac, i % 2 ? "001E4A%06X" : "02D785%06X", static_cast<unsigned>(i * 37 + 1));
        add(mac, f.other, f.other_lyon, i);
        f.other_macs.push_back(mac);
    }
    return f;
}

// A store on a fresh SQLite file holding make_fleet's devices, for the cases below.
struct FleetStore {
    testing::TempDir dir;
    const std::string path = (dir.path() / "db.sqlite").string();
    store::SqliteStore store{path, 2};
    const std::int64_t now = 1'800'000'000, window = 86400;
    const store::StateClock clock{now, window};
    const Fleet f = make_fleet(store, path, now, window);
    store::Database raw{path};
};

}  // namespace

TEST_CASE_METHOD(FleetStore, "the device list agrees with a test of every device, for every filter and page",
                 "[devices][store]") {
    const std::vector<std::optional<std::int64_t>> sites = {std::nullopt, f.lyon, f.accents, f.other_lyon};
    const std::vector<std::string> types = {"", "cisco 6841", "Poly CCX 400"};
    const std::vector<std::optional<RegistrationState>> states = {
        std::nullopt, RegistrationState::Registered, RegistrationState::Aged, RegistrationState::Unregistered};
    // Long MAC fragments (the trigram index) in several notations, short ones (a walk), names
    // of sites and types in any case, text that matches a name and MACs alike, nothing at all.
    const std::vector<std::string> texts = {"", "00:1e:4a:00:0", "1E4A00", "1e-4a-01", "001e.4a00", "D785", "d78",
                                            "0C", "a", "0", "4a", "e:", "lyon", "LYON", "crèche", "ccx", "6841", "cafe", "zz",
                                            "%", "_", "1E4A0000B9"};
    int checked = 0;
    for (const auto& site : sites)
        for (const auto& type : types)
            for (const auto& state : states)
                for (const auto& text : texts) {
                    store::DeviceQuery q;
                    q.customer_id = f.cafe;
                    q.site_id = site;
                    q.device_type = type;
                    q.state = state;
                    q.text = text;
                    const auto expected = reference(raw, q, clock);
                    const auto total = static_cast<std::int64_t>(expected.size());
                    INFO("site " << (site ? *site : 0) << " type '" << type << "' state "
                                 << (state ? static_cast<int>(*state) : -1) << " q '" << text << "'");
                    // The first page, a page just past the middle (read backwards), the last
                    // (partial) page, a page past the end, at two page sizes.
                    for (int per_page : {7, 50}) {
                        const std::int64_t pages = (total + per_page - 1) / per_page;
                        for (std::int64_t page : {std::int64_t{1}, pages / 2 + 1, pages, pages + 1}) {
                            if (page < 1) continue;
                            q.limit = per_page;
                            q.offset = (page - 1) * per_page;
                            const auto got = store.list_devices(q, clock);
                            CHECK(got.total == total);
                            const auto from = std::min<std::int64_t>(q.offset, total);
                            const auto to = std::min<std::int64_t>(q.offset + per_page, total);
                            const std::vector<Row> want(expected.begin() + from, expected.begin() + to);
                            INFO("page " << page << " of " << per_page);
                            CHECK(describe(rows_of(got)) == describe(want));
                            for (const auto& d : got.items)
                                CHECK(std::find(f.other_macs.begin(), f.other_macs.end(), d.mac) == f.other_macs.end());
                            ++checked;
                        }
                    }
                }
    CHECK(checked > 3000);
}

TEST_CASE_METHOD(FleetStore, "every page of a search, forwards and backwards, is the reference in order",
                 "[devices][store]") {
    for (std::string text : {"", "1E4A0", "lyon", "d785", "4A"}) {
        store::DeviceQuery q;
        q.customer_id = f.cafe;
        q.text = text;
        const auto expected = reference(raw, q, clock);
        std::vector<Row> all;
        q.limit = 13;
        for (q.offset = 0; q.offset < static_cast<std::int64_t>(expected.size()); q.offset += q.limit) {
            const auto page = store.list_devices(q, clock);
            REQUIRE(page.total == static_cast<std::int64_t>(expected.size()));
            const auto rows = rows_of(page);
            all.insert(all.end(), rows.begin(), rows.end());
        }
        INFO("q '" << text << "'");
        CHECK(all.size() == expected.size());
        CHECK(describe(all) == describe(expected));
    }
}

TEST_CASE_METHOD(FleetStore, "the MAC search never shows another customer's devices, and follows changes",
                 "[devices][store][tenancy]") {
    // A MAC of the other customer, searched whole and by a fragment only it has.
    const std::string theirs = f.other_macs[3];
    for (const std::string& text : {theirs, theirs.substr(4), theirs.substr(0, 2) + ":" + theirs.substr(2, 2) + ":" +
                                                                   theirs.substr(4, 2) + ":" + theirs.substr(6, 2) +
                                                                   ":" + theirs.substr(8, 2) + ":" + theirs.substr(10)}) {
        store::DeviceQuery mine;
        mine.customer_id = f.cafe;
        mine.text = text;
        INFO(text);
        CHECK(store.list_devices(mine, clock).total == 0);
        CHECK(store.list_devices(mine, clock).items.empty());
        store::DeviceQuery own = mine;
        own.customer_id = f.other;
        const auto page = store.list_devices(own, clock);
        REQUIRE(page.total == 1);
        CHECK(page.items[0].mac == theirs);
    }

    // The index follows adds, removals and lines (available lines).
    store.insert_device({"02AB12CD34EF", f.cafe, f.paris, "Snom D785", std::nullopt});
    store::DeviceQuery q;
    q.customer_id = f.cafe;
    q.text = "ab:12:cd";
    auto page = store.list_devices(q, clock);
    REQUIRE(page.total == 1);
    CHECK(page.items[0].available_lines == 12);
    store.insert_line({"02AB12CD34EF", 5, "33129999999", "99", "", "x", "y"});
    CHECK(store.list_devices(q, clock).items.at(0).available_lines == 11);
    CHECK(store.delete_line("02AB12CD34EF", 5));
    CHECK(store.list_devices(q, clock).items.at(0).available_lines == 12);
    CHECK(store.delete_device("02AB12CD34EF"));
    CHECK(store.list_devices(q, clock).total == 0);
}

TEST_CASE("over HTTP, a search by MAC fragment stays within the caller's customer", "[devices][tenancy]") {
    testing::TempDir dir;
    testing::TestServer server(dir.path() / "db.sqlite");
    const auto cafe = std::to_string(server.customer_id("Café Lumière"));
    const auto other = std::to_string(server.customer_id("Boulangerie Dupont"));
    const auto mine = server.login("client-admin", "client-demo");
    const auto theirs = server.login("other-admin", "other-demo");
    auto list = [&](const std::string& customer, const std::string& token, const std::string& query) {
        auto res = server.get("/api/v1/customers/" + customer + "/devices?" + query, token);
        REQUIRE(res);
        return std::pair{res->status, res->status == 200 ? nlohmann::json::parse(res->body) : nlohmann::json()};
    };
    auto [status, page] = list(cafe, mine, "per_page=500");
    REQUIRE(status == 200);
    REQUIRE(page["items"].size() > 0);
    for (const auto& d : page["items"]) {
        const std::string mac = d["mac"];
        const std::string colons = mac.substr(2, 2) + ":" + mac.substr(4, 2) + ":" + mac.substr(6, 2) + ":" +
                                   mac.substr(8, 2) + ":" + mac.substr(10, 2);
        // Found by its owner in any notation; another customer's search never counts or shows it.
        CHECK(list(cafe, mine, "q=" + colons).second["total"].get<int>() >= 1);
        auto [other_status, other_page] = list(other, theirs, "q=" + colons);
        REQUIRE(other_status == 200);
        for (const auto& o : other_page["items"]) CHECK(o["mac"] != mac);
        // Asking for the other customer's list answers 404, search or not.
        CHECK(list(cafe, theirs, "q=" + colons).first == 404);
    }
}

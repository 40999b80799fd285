// F9 bulk import and the derived data of the device list (migrations 3, 8, 10, 12): right after a
// bulk insert the device counts (per customer, site, type), the list totals of every filter and
// the MAC text search agree with a plain recount of the devices; a failed bulk insert changes
// nothing and leaves the per-row triggers working. Over HTTP too.
#include <catch2/catch.hpp>

#include <cstdio>
#include <string>
#include <vector>

#include "store/sql_rules.hpp"
#include "store/sqlite_store.hpp"
#include "test_server.hpp"

using namespace phonefleet;
using nlohmann::json;

namespace {

std::int64_t scalar(store::Database& db, const std::string& sql) {
    auto s = db.prepare(sql);
    REQUIRE(s.step());
    return s.int64(0);
}

// Every derived figure against a recount of the devices, 0 when all agree.
void check_derived_data(store::Database& db) {
    CHECK(scalar(db, "SELECT count(*) FROM (SELECT customer_id, site_id, device_type_id, count(*) n FROM devices"
                     " GROUP BY 1, 2, 3) g LEFT JOIN device_counts c USING(customer_id, site_id, device_type_id)"
                     " WHERE c.devices IS NOT g.n") == 0);
    CHECK(scalar(db, "SELECT count(*) FROM device_counts c WHERE c.devices <> (SELECT count(*) FROM devices d"
                     " WHERE d.customer_id = c.customer_id AND d.site_id = c.site_id"
                     " AND d.device_type_id = c.device_type_id)") == 0);
    CHECK(scalar(db, "SELECT count(*) FROM customers c"
                     " WHERE device_count <> (SELECT count(*) FROM devices d WHERE d.customer_id = c.id)") == 0);
    CHECK(scalar(db, "SELECT count(*) FROM sites s"
                     " WHERE device_count <> (SELECT count(*) FROM devices d WHERE d.site_id = s.id)") == 0);
    // Migration 10: devices by one- and two-character MAC fragment, each device once per
    // distinct fragment; counters left at 0 by removals are allowed.
    const std::string recount =
        "WITH r AS (SELECT customer_id, fragment, site_id, device_type_id, count(*) n FROM ("
        " SELECT d.mac, d.customer_id, d.site_id, d.device_type_id, substr(d.mac, p.value, 1) AS fragment"
        " FROM devices d, json_each('[1,2,3,4,5,6,7,8,9,10,11,12]') p UNION"
        " SELECT d.mac, d.customer_id, d.site_id, d.device_type_id, substr(d.mac, p.value, 2)"
        " FROM devices d, json_each('[1,2,3,4,5,6,7,8,9,10,11]') p) GROUP BY 1, 2, 3, 4) ";
    CHECK(scalar(db, recount + "SELECT count(*) FROM r LEFT JOIN mac_fragment_counts c"
                               " USING(customer_id, fragment, site_id, device_type_id) WHERE c.devices IS NOT r.n") == 0);
    CHECK(scalar(db, recount + "SELECT count(*) FROM mac_fragment_counts c LEFT JOIN r"
                               " USING(customer_id, fragment, site_id, device_type_id)"
                               " WHERE c.devices <> coalesce(r.n, 0)") == 0);
    CHECK(scalar(db, "SELECT count(*) FROM mac_fragment_counts") > 0);
}

// The number of the customer's devices a query matches, by testing each device.
std::int64_t reference_total(store::Database& db, const store::DeviceQuery& q) {
    auto s = db.prepare(
        "SELECT count(*) FROM devices d NOT INDEXED JOIN sites s ON s.id = d.site_id"
        " JOIN device_types t ON t.id = d.device_type_id"
        " WHERE d.customer_id = ?1 AND (?2 IS NULL OR d.site_id = ?2) AND (?3 = '' OR t.name = ?3 COLLATE NOCASE)"
        " AND (?4 = '' OR instr(d.mac, ?5) > 0 OR s.name LIKE ?6 ESCAPE '\\' OR t.name LIKE ?6 ESCAPE '\\')");
    s.bind(1, q.customer_id).bind(2, q.site_id).bind(3, q.device_type).bind(4, q.text);
    s.bind(5, store::mac_fragment(q.text)).bind(6, store::like_pattern(q.text));
    REQUIRE(s.step());
    return s.int64(0);
}

struct Fleet {
    std::int64_t cafe = 0, other = 0, lyon = 0, paris = 0, other_lyon = 0;
};

Fleet make_fleet(store::SqliteStore& store) {
    store.upsert_device_type({{"Cisco 6841", "Cisco", 4, false}, "check-sync"});
    store.upsert_device_type({{"Snom D785", "Snom", 12, false}, "check-sync"});
    store.upsert_device_type({{"Yealink W70B", "Yealink", 8, true}, "check-sync"});
    Fleet f;
    auto provider = store.insert_provider("P");
    f.cafe = store.insert_customer(provider, "Café Lumière");
    f.other = store.insert_customer(provider, "Boulangerie Dupont");
    f.lyon = store.insert_site(f.cafe, "Lyon");
    f.paris = store.insert_site(f.cafe, "Paris");
    f.other_lyon = store.insert_site(f.other, "Lyon");
    char mac[13];
    for (int i = 0; i < 50; ++i) {  // one by one: the per-row triggers
        std::snprintf(mac, sizeof mac, "001E4A%06X", static_cast<unsigned>(i * 37));
        store.insert_device({mac, i % 2 ? f.cafe : f.other, i % 2 ? f.lyon : f.other_lyon, "Cisco 6841", std::nullopt});
    }
    store.insert_device({"0EFFFFFFFF00", f.cafe, f.paris, "Snom D785", std::nullopt});  // after every bulk MAC
    return f;
}

std::vector<store::ImportedDevice> bulk_rows(const Fleet& f, int count, unsigned seed) {
    std::vector<store::ImportedDevice> rows;
    char mac[13];
    for (int i = 0; i < count; ++i) {
        // Not in MAC order, prefixes shared with the devices already there.
        std::snprintf(mac, sizeof mac, i % 3 ? "001E4A%06X" : "00D785%06X",
                      static_cast<unsigned>((i * 7919 + seed) % 0xFFFFF) * 16 + 3);
        const bool dect = i % 5 == 0;
        rows.push_back({mac, i % 2 ? f.lyon : f.paris, dect ? "Yealink W70B" : i % 3 ? "Snom D785" : "Cisco 6841",
                        dect ? std::optional<std::string>("12") : std::nullopt});
    }
    return rows;
}

void check_list(store::SqliteStore& store, store::Database& raw, const Fleet& f) {
    const store::StateClock clock{1'800'000'000, 86400};
    int checked = 0;
    for (std::int64_t customer : {f.cafe, f.other})
        for (std::optional<std::int64_t> site : {std::optional<std::int64_t>{}, std::optional(f.lyon), std::optional(f.paris)})
            for (std::string type : {"", "snom d785", "Yealink W70B", "Cisco 6841"})
                for (std::string text : {"", "00:1e:4a:00:0", "1E4A0", "D785", "d78", "00d7.85", "4A", "3", "e", "lyon", "w70", "zz"}) {
                    store::DeviceQuery q;
                    q.customer_id = customer;
                    q.site_id = site;
                    q.device_type = type;
                    q.text = text;
                    INFO("customer " << customer << " site " << (site ? *site : 0) << " type '" << type << "' q '"
                                     << text << "'");
                    const auto page = store.list_devices(q, clock);
                    CHECK(page.total == reference_total(raw, q));
                    for (const auto& d : page.items) {
                        const auto owner = store.find_device_owner(d.mac);
                        REQUIRE(owner);
                        CHECK(owner->customer_id == customer);
                    }
                    ++checked;
                }
    CHECK(checked == 288);
}

}  // namespace

TEST_CASE("right after a bulk import, counts, filters and the MAC search agree with the devices", "[csv][F9][store]") {
    testing::TempDir dir;
    const std::string path = (dir.path() / "db.sqlite").string();
    // One connection: the single insert after the import runs on the very connection that had
    // its triggers switched off during it.
    store::SqliteStore store(path, 1);
    store.set_bulk_insert_batch(5'000);
    const Fleet f = make_fleet(store);
    store::Database raw(path);
    check_derived_data(raw);

    const auto rows = bulk_rows(f, 12'000, 11);  // more than one batch
    store.transaction([&] { store.insert_devices(f.cafe, rows); });
    CHECK(scalar(raw, "SELECT count(*) FROM devices") == 51 + 12'000);
    check_derived_data(raw);
    check_list(store, raw, f);
    // Every imported MAC is found by its own full text, in the MAC search index.
    for (std::size_t i = 0; i < rows.size(); i += 997) {
        store::DeviceQuery q;
        q.customer_id = f.cafe;
        q.text = rows[i].mac;
        const auto page = store.list_devices(q, {1'800'000'000, 86400});
        REQUIRE(page.items.size() == 1);
        CHECK(page.items[0].mac == rows[i].mac);
        CHECK(page.items[0].multicell_station_id == rows[i].multicell_station_id);
    }

    // The per-row triggers work again afterwards: a single insert and a delete keep the counts.
    store.insert_device({"02AABBCCDDEE", f.cafe, f.paris, "Snom D785", std::nullopt});
    REQUIRE(store.delete_device(rows[0].mac));
    check_derived_data(raw);
    check_list(store, raw, f);
    // A device moved to another site and type (no route does it today; the triggers follow).
    raw.prepare("UPDATE devices SET site_id = ?1, device_type_id = (SELECT id FROM device_types WHERE name = 'Snom D785')"
                " WHERE mac = ?2")
        .bind(1, f.lyon)
        .bind(2, rows[1].mac)
        .run();
    check_derived_data(raw);
}

TEST_CASE("a failed bulk import changes nothing, derived data included", "[csv][F9][store]") {
    testing::TempDir dir;
    const std::string path = (dir.path() / "db.sqlite").string();
    store::SqliteStore store(path, 1);  // as above: the insert at the end on the import's connection
    store.set_bulk_insert_batch(5'000);
    const Fleet f = make_fleet(store);
    store::Database raw(path);
    auto snapshot = [&] {
        return std::vector<std::int64_t>{
            scalar(raw, "SELECT count(*) FROM devices"),
            scalar(raw, "SELECT total(devices) FROM device_counts"),
            scalar(raw, "SELECT total(device_count) FROM customers"),
            scalar(raw, "SELECT total(device_count) FROM sites"),
            // the MAC search asked as the list asks it: trigrams, without positions (migration 13)
            scalar(raw, "SELECT count(*) FROM device_mac_search WHERE device_mac_search MATCH '\"1E4\" AND \"E4A\"'"),
        };
    };
    const auto before = snapshot();

    SECTION("a MAC that exists, in the last batch (earlier batches went in)") {
        auto rows = bulk_rows(f, 7'000, 5);
        rows.push_back({"0EFFFFFFFF00", f.lyon, "Cisco 6841", std::nullopt});
        CHECK_THROWS(store.transaction([&] { store.insert_devices(f.cafe, rows); }));
    }
    SECTION("a device type that vanished") {
        auto rows = bulk_rows(f, 300, 5);
        rows.push_back({"02AABBCCDDEE", f.lyon, "No Such Type", std::nullopt});
        CHECK_THROWS(store.transaction([&] { store.insert_devices(f.cafe, rows); }));
    }
    // The foreign keys are checked once per site, not by SQLite per row (they are off while the
    // rows go in): a site of another customer or none at all is refused before any row.
    SECTION("a site of another customer") {
        auto rows = bulk_rows(f, 300, 5);
        rows.push_back({"02AABBCCDDEE", f.other_lyon, "Cisco 6841", std::nullopt});
        CHECK_THROWS_WITH(store.transaction([&] { store.insert_devices(f.cafe, rows); }),
                          Catch::Contains("is not the customer's"));
    }
    SECTION("a site that does not exist") {
        auto rows = bulk_rows(f, 300, 5);
        rows.push_back({"02AABBCCDDEE", 987654, "Cisco 6841", std::nullopt});
        CHECK_THROWS_WITH(store.transaction([&] { store.insert_devices(f.cafe, rows); }),
                          Catch::Contains("is not the customer's"));
    }
    CHECK(snapshot() == before);
    check_derived_data(raw);
    check_list(store, raw, f);
    store.insert_device({"02AABBCCDDEF", f.cafe, f.paris, "Snom D785", std::nullopt});
    check_derived_data(raw);
    // ... and the connection's foreign keys are on again afterwards (one connection: the same).
    CHECK_THROWS_AS(store.insert_device({"02AABBCCDDF0", f.cafe, 987654, "Snom D785", std::nullopt}), store::StoreError);
}

TEST_CASE("over HTTP, the list is right right after an import, and a refused import changes nothing",
          "[csv][F9]") {
    testing::TempDir dir;
    testing::TestServer server{dir.path() / "db.sqlite"};
    const auto cafe = server.customer_id("Café Lumière");
    const auto token = server.login("client-admin", "client-demo");
    const std::string base = "/api/v1/customers/" + std::to_string(cafe) + "/devices";
    auto total = [&](const std::string& query) {
        return testing::json_of(server.get(base + query, token))["total"].get<std::int64_t>();
    };
    const std::vector<std::string> queries = {"",          "?q=02:AA:00",  "?q=02aa.0000.01", "?q=lyon",
                                              "?q=Yealink", "?type=Yealink%20T54W", "?q=zzzz"};
    std::vector<std::int64_t> before;
    for (const auto& q : queries) before.push_back(total(q));

    std::string file = "mac,device_type,site\r\n";
    char mac[13];
    for (int i = 0; i < 6000; ++i) {
        std::snprintf(mac, sizeof mac, "02AA%08X", static_cast<unsigned>(i * 13));
        file += std::string(mac) + (i % 2 ? ",Yealink T54W," : ",Cisco 6841,") + (i % 3 ? "Paris" : "Lyon") + "\r\n";
    }
    auto h = testing::TestServer::headers(token, "en");
    auto bad = server.client().Post((base + "/import").c_str(), h, file + "02AAFFFFFFFF,Cisco 6841,Marseille\r\n",
                                     "text/csv");
    REQUIRE(bad->status == 422);
    for (std::size_t i = 0; i < queries.size(); ++i) CHECK(total(queries[i]) == before[i]);

    auto good = server.client().Post((base + "/import").c_str(), h, file, "text/csv");
    REQUIRE(good->status == 201);
    CHECK(testing::json_of(good)["imported"] == 6000);
    CHECK(total("") == before[0] + 6000);
    CHECK(total("?q=02:AA:00") == before[1] + 6000);       // every imported MAC starts 02AA00
    CHECK(total("?q=02aa.0000.01") == before[2] + 20);     // 02AA000001xx: i*13 in 0x100..0x1FF
    CHECK(total("?q=lyon") == before[3] + 2000);
    CHECK(total("?q=Yealink") == before[4] + 3000);
    CHECK(total("?type=Yealink%20T54W") == before[5] + 3000);
    CHECK(total("?q=zzzz") == before[6]);
}

// The WAL goes back into the database file on the store's own thread (WalCheckpointer), not in
// the COMMIT of the request that crossed the threshold.
#include <catch2/catch.hpp>

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <thread>
#include <vector>

#include "store/sqlite_store.hpp"
#include "test_server.hpp"

using namespace phonefleet;

TEST_CASE("a large commit is checkpointed in the background, into the database file", "[store]") {
    testing::TempDir dir;
    const auto path = dir.path() / "db.sqlite";
    store::SqliteStore store(path.string(), 2);
    store.upsert_device_type({{"Cisco 6841", "Cisco", 4, false}, "check-sync"});
    const auto provider = store.insert_provider("P");
    const auto customer = store.insert_customer(provider, "C");
    const auto site = store.insert_site(customer, "S");
    const auto small_file = std::filesystem::file_size(path);

    std::vector<store::ImportedDevice> rows;
    char mac[13];
    for (int i = 0; i < 30'000; ++i) {  // ~2,000 WAL pages: past the threshold of 1,000
        std::snprintf(mac, sizeof mac, "0A1B%08X", static_cast<unsigned>(i));
        rows.push_back({mac, site, "Cisco 6841", std::nullopt});
    }
    store.transaction([&] { store.insert_devices(customer, rows); });

    // Nothing else checkpoints: SQLite's own automatic checkpoint is off on the store's
    // connections, and this test opens no other. Bounded wait for the thread.
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
    while ((store.wal_checkpoints() == 0 || std::filesystem::file_size(path) < small_file + 1'000'000) &&
           std::chrono::steady_clock::now() < deadline)
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
    CHECK(store.wal_checkpoints() >= 1);
    CHECK(std::filesystem::file_size(path) > small_file + 1'000'000);  // the devices are in the file now
    CHECK(store.find_device_owner("0A1B00007530").has_value() == false);  // 30,000 = 0x7530: one past the last
    CHECK(store.find_device_owner("0A1B0000752F").has_value());
}

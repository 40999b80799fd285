// The SQL of the store computes states (to filter and count without loading bindings); it must
// agree with the rule of SPEC 3 as phonefleet::binding_state states it, at every boundary.
#include <catch2/catch.hpp>

#include "state_boundaries.hpp"
#include "test_server.hpp"

#include <filesystem>
#include <algorithm>
#include <map>

#include "phonefleet/line_state.hpp"
#include "store/sqlite_store.hpp"

using namespace phonefleet;

TEST_CASE("the store's state SQL agrees with binding_state at every boundary", "[state][store]") {
    testing::TempDir temp;
    const std::string dir = temp.path().string();
    {
        store::SqliteStore store(dir + "/db.sqlite", 2);
        store.upsert_device_type({{"Cisco 6821", "Cisco", 2, false}, "check-sync"});
        auto provider = store.insert_provider("P");
        auto customer = store.insert_customer(provider, "C");
        auto site = store.insert_site(customer, "S");

        const std::int64_t now = 1'800'000'000, window = 3600;
        const auto cases = testing::state_boundary_cases(now, window);

        store::Database raw(dir + "/db.sqlite");
        int n = 0;
        for (const auto& c : cases) {
            char mac[13];
            std::snprintf(mac, sizeof mac, "001E4A%06X", n);
            store.insert_device({mac, customer, site, "Cisco 6821", std::nullopt});
            store.insert_line({mac, 1, "3310000" + std::to_string(1000 + n), "10", "", "x", "y"});
            raw.prepare("INSERT INTO registrations(line_id, contact_uri, registered_at, expires_at, probe_failed_at)"
                        " SELECT id, 'sip:x@127.0.0.1', ?2, ?3, ?4 FROM lines WHERE device_mac = ?1")
                .bind(1, std::string(mac))
                .bind(2, c.expires_at - 3600)
                .bind(3, c.expires_at)
                .bind(4, c.probe_failed_at)
                .run();
            ++n;
        }
        store::DeviceQuery q;
        q.customer_id = customer;
        q.limit = 500;
        auto page = store.list_devices(q, {now, window});
        REQUIRE(page.items.size() == cases.size());
        std::map<RegistrationState, int> counts;
        for (std::size_t i = 0; i < cases.size(); ++i) {
            INFO("expires_at=now" << (cases[i].expires_at - now) << " probe_failed_at="
                                  << (cases[i].probe_failed_at ? std::to_string(*cases[i].probe_failed_at - now) : "none"));
            auto expected = binding_state(cases[i], now, window);
            CHECK(page.items[i].state == expected);
            CHECK(store.device_status(page.items[i].mac, {now, window})->lines.at(0).state == expected);
            ++counts[expected];
        }
        // Every state occurs, and the state filter counts what the rule says.
        for (auto s : {RegistrationState::Registered, RegistrationState::Aged, RegistrationState::Unregistered}) {
            CHECK(counts[s] > 0);
            q.state = s;
            CHECK(store.list_devices(q, {now, window}).total == counts[s]);
        }

        // The per-device instants follow every change of bindings: a probe failure recorded,
        // a binding removed (de-registration), a line removed with its bindings.
        q.state.reset();
        auto registered = std::find_if(page.items.begin(), page.items.end(),
                                       [](const Device& d) { return d.state == RegistrationState::Registered; });
        REQUIRE(registered != page.items.end());
        const std::string mac = registered->mac;
        auto state_of = [&] {
            q.text = mac;
            return store.list_devices(q, {now, window}).items.at(0).state;
        };
        raw.prepare("UPDATE registrations SET probe_failed_at = ?2 WHERE line_id IN"
                    " (SELECT id FROM lines WHERE device_mac = ?1)")
            .bind(1, mac).bind(2, now - 1).run();
        CHECK(state_of() == RegistrationState::Aged);
        raw.prepare("UPDATE registrations SET probe_failed_at = NULL WHERE line_id IN"
                    " (SELECT id FROM lines WHERE device_mac = ?1)")
            .bind(1, mac).run();
        CHECK(state_of() == RegistrationState::Registered);
        CHECK(store.delete_line(mac, 1));
        CHECK(state_of() == RegistrationState::Unregistered);
    }
}

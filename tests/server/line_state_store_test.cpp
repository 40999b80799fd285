// The line-state SQL of the store agrees with the rule of SPEC 3 (phonefleet::binding_state)
// at every boundary, a line takes the best of its bindings, and counts match the rows.
#include <catch2/catch.hpp>

#include "state_boundaries.hpp"

#include <map>

#include "phonefleet/line_state.hpp"
#include "store/sqlite_store.hpp"
#include "test_server.hpp"

using namespace phonefleet;

TEST_CASE("line states in SQL agree with binding_state; a line takes its best binding", "[line-states][store]") {
    testing::TempDir dir;
    const std::string db = (dir.path() / "db.sqlite").string();
    store::SqliteStore store(db, 2);
    store.upsert_device_type({{"Cisco 6841", "Cisco", 4, false}, "check-sync"});
    auto provider = store.insert_provider("P");
    auto customer = store.insert_customer(provider, "C");
    auto site = store.insert_site(customer, "S");

    const std::int64_t now = 1'800'000'000, window = 3600;
    const auto cases = testing::state_boundary_cases(now, window);

    store::Database raw(db);
    auto bind_line = [&](const std::string& mac, int port, const BindingFacts& f, const std::string& contact) {
        raw.prepare("INSERT INTO registrations(line_id, contact_uri, user_agent, registered_at, expires_at, probe_failed_at)"
                    " SELECT id, ?3, ?3, ?4, ?5, ?6 FROM lines WHERE device_mac = ?1 AND port = ?2")
            .bind(1, mac)
            .bind(2, port)
            .bind(3, contact)
            .bind(4, f.expires_at - 3600)
            .bind(5, f.expires_at)
            .bind(6, f.probe_failed_at)
            .run();
    };
    int n = 0;
    for (const auto& c : cases) {
        char mac[13];
        std::snprintf(mac, sizeof mac, "001E4A%06X", static_cast<unsigned>(n) & 0xFFFFFFu);
        store.insert_device({mac, customer, site, "Cisco 6841", std::nullopt});
        store.insert_line({mac, 1, "3310000" + std::to_string(1000 + n), "10", "", "x", "y"});
        bind_line(mac, 1, c, "sip:a@x");
        ++n;
    }
    // One line with three bindings: aged, unregistered, registered → registered, from that binding.
    store.insert_device({"001E4AFFFFFF", customer, site, "Cisco 6841", std::nullopt});
    store.insert_line({"001E4AFFFFFF", 1, "33199990001", "11", "", "x", "y"});
    store.insert_line({"001E4AFFFFFF", 3, "33199990003", "13", "", "x", "y"});  // port 2 has no line
    bind_line("001E4AFFFFFF", 1, {now - 10, std::nullopt}, "sip:aged@x");
    bind_line("001E4AFFFFFF", 1, {now - 2 * window, std::nullopt}, "sip:gone@x");
    bind_line("001E4AFFFFFF", 1, {now + 100, std::nullopt}, "sip:live@x");

    store::LineStateQuery q;
    q.customer_id = customer;
    std::vector<store::LineStateRow> rows;
    store.for_each_line_state(q, {now, window}, [&](const store::LineStateRow& r) { rows.push_back(r); });
    REQUIRE(rows.size() == cases.size() + 2);
    std::map<RegistrationState, std::int64_t> expected_counts;
    for (std::size_t i = 0; i < cases.size(); ++i) {
        INFO("expires_at=now" << (cases[i].expires_at - now) << " probe_failed_at="
                              << (cases[i].probe_failed_at ? std::to_string(*cases[i].probe_failed_at - now) : "none"));
        const auto expected = binding_state(cases[i], now, window);
        CHECK(rows[i].state == expected);
        ++expected_counts[expected];
    }
    const auto& multi = rows[cases.size()];
    CHECK(multi.mac == "001E4AFFFFFF");
    CHECK(multi.state == RegistrationState::Registered);
    CHECK(multi.user_agent == "sip:live@x");
    CHECK(multi.expires_at == now + 100);
    const auto& unbound = rows[cases.size() + 1];
    CHECK(unbound.port == 3);
    CHECK(unbound.state == RegistrationState::Unregistered);
    CHECK_FALSE(unbound.registered_at);
    ++expected_counts[RegistrationState::Registered];
    ++expected_counts[RegistrationState::Unregistered];

    auto counts = store.count_line_states(q, {now, window});
    REQUIRE(counts.size() == 1);
    CHECK(counts[0].registered == expected_counts[RegistrationState::Registered]);
    CHECK(counts[0].aged == expected_counts[RegistrationState::Aged]);
    CHECK(counts[0].unregistered == expected_counts[RegistrationState::Unregistered]);

    for (auto s : {RegistrationState::Registered, RegistrationState::Aged, RegistrationState::Unregistered}) {
        q.state = s;
        std::int64_t seen = 0;
        store.for_each_line_state(q, {now, window}, [&](const store::LineStateRow& r) {
            CHECK(r.state == s);
            ++seen;
        });
        CHECK(seen == expected_counts[s]);
    }
}

// The export limits of SPEC 6 (F13) against the real server, with small flag values and the
// fault-injection flags so that exports overlap: burst, queue timeout, spacing, cache, failure.
#include <catch2/catch.hpp>

#include <chrono>
#include <map>
#include <mutex>
#include <set>
#include <optional>
#include <thread>

#include "line_state_test_support.hpp"

using namespace phonefleet;
using namespace phonefleet::testing;
using Ms = std::chrono::milliseconds;
using SteadyClock = std::chrono::steady_clock;

namespace {

app::Config export_config() {
    auto c = TestServer::default_config();
    c.export_concurrency = 3;
    c.export_queue = 10;
    c.export_queue_timeout_s = 10;
    c.export_session_spacing_s = 1;
    c.export_cache_ttl_s = 60;
    return c;
}

long elapsed_ms(SteadyClock::time_point since) {
    return static_cast<long>(std::chrono::duration_cast<Ms>(SteadyClock::now() - since).count());
}

}  // namespace

TEST_CASE("16 clients at once: 3 run, 10 wait in the queue, the other 3 get 429 at once with Retry-After",
          "[line-states][export][burst]") {
    TempDir dir;
    auto config = export_config();
    constexpr long kDelay = 1000;
    config.fault_export_delay_ms = kDelay;  // FAULT INJECTION: every export takes 1 s
    TestServer server(dir.path() / "db.sqlite", config);
    const auto cafe = server.customer_id("Café Lumière");
    std::vector<std::string> tokens;
    for (int i = 0; i < 16; ++i) tokens.push_back(make_user_session(server, "burst" + std::to_string(i), cafe));

    // Watch the limiter while the burst runs: never more than 3 running or 10 queued.
    std::atomic<bool> watching{true};
    std::atomic<int> max_running{0}, max_queued{0};
    std::thread watcher([&] {
        while (watching) {
            auto s = server.app().line_states().limiter().snapshot();
            max_running = std::max(max_running.load(), s.running);
            max_queued = std::max(max_queued.load(), s.queued);
            std::this_thread::sleep_for(Ms(2));
        }
    });

    struct Outcome {
        int status = 0;
        long ms = 0;
        std::string retry_after;
        std::string cache;
    };
    std::vector<Outcome> outcomes(16);
    std::atomic<int> ready{0};
    std::vector<std::thread> clients;
    const auto start = SteadyClock::now();
    for (int i = 0; i < 16; ++i) {
        clients.emplace_back([&, i] {
            auto client = server.client();
            client.set_read_timeout(30);
            // Connected beforehand (keep-alive), so that the 16 requests leave together.
            client.set_keep_alive(true);
            client.Get("/api/v1/me", TestServer::headers(tokens[i], "en"));
            ++ready;
            while (ready < 16) std::this_thread::yield();
            const auto t0 = SteadyClock::now();
            // Different filters per user: no cross-user cache hit in this burst.
            auto res = client.Get(cid_path(cafe, "/line-states/export.csv?q=" + std::to_string(1000 + i)).c_str(),
                                  TestServer::headers(tokens[i], "en"));
            outcomes[i].ms = elapsed_ms(t0);
            if (!res) return;
            outcomes[i].status = res->status;
            outcomes[i].retry_after = res->get_header_value("Retry-After");
            outcomes[i].cache = res->get_header_value("X-Export-Cache");
        });
    }
    // Meanwhile, each caller can see where its export stands.
    while (ready < 16) std::this_thread::yield();
    std::this_thread::sleep_for(Ms(kDelay / 3));
    std::map<std::string, int> states;
    std::set<int> positions;
    for (const auto& token : tokens) {
        auto status = json_of(server.get(cid_path(cafe, "/line-states/export-status"), token));
        ++states[status["state"].get<std::string>()];
        if (status.contains("position")) positions.insert(status["position"].get<int>());
        CHECK(status["export_enabled"] == true);
    }
    for (auto& c : clients) c.join();
    watching = false;
    watcher.join();
    const long total_ms = elapsed_ms(start);

    int ok = 0, refused = 0;
    std::vector<long> ok_ms;
    for (const auto& o : outcomes) {
        INFO("status " << o.status << " after " << o.ms << " ms");
        if (o.status == 200) {
            ++ok;
            ok_ms.push_back(o.ms);
            CHECK(o.cache == "miss");
        } else {
            CHECK(o.status == 429);
            ++refused;
            CHECK(o.ms < kDelay / 2);  // at once, not after a wait
            CHECK(!o.retry_after.empty());
            CHECK(std::stoi(o.retry_after) >= 1);
        }
    }
    CHECK(ok == 13);
    CHECK(refused == 3);
    CHECK(max_running == 3);
    CHECK(states["running"] == 3);
    CHECK(states["queued"] == 10);
    CHECK(positions.size() == 10);
    CHECK(*positions.rbegin() == 10);
    CHECK(max_queued == 10);
    // 13 exports of 1 s, 3 at a time, in FIFO order: 5 rounds, about 5 s.
    std::sort(ok_ms.begin(), ok_ms.end());
    REQUIRE(ok_ms.size() == 13);
    CHECK(ok_ms[2] < 2 * kDelay - 100);    // the first three ran at once
    CHECK(ok_ms[3] >= 2 * kDelay - 100);   // the fourth waited for a slot
    CHECK(ok_ms[12] >= 5 * kDelay - 100);  // the last one ran in the fifth round
    WARN("burst of 16: 13 served, 3 refused, in " << total_ms << " ms; served after " << ok_ms.front() << ".."
                                                  << ok_ms.back() << " ms");
}

TEST_CASE("an export that waited longer than the queue timeout answers 408", "[line-states][export][timeout]") {
    TempDir dir;
    auto config = export_config();
    config.export_concurrency = 2;
    config.export_queue_timeout_s = 1;
    config.fault_export_delay_ms = 1800;
    TestServer server(dir.path() / "db.sqlite", config);
    const auto cafe = server.customer_id("Café Lumière");
    std::vector<std::string> tokens;
    for (int i = 0; i < 3; ++i) tokens.push_back(make_user_session(server, "slow" + std::to_string(i), cafe));

    std::vector<std::thread> running;
    std::vector<int> statuses(2);
    for (int i = 0; i < 2; ++i)
        running.emplace_back([&, i] {
            auto res = server.get(cid_path(cafe, "/line-states/export.csv?q=" + std::to_string(i)), tokens[i]);
            statuses[i] = res ? res->status : 0;
        });
    // Let both take their slots, then a third waits in the queue.
    std::this_thread::sleep_for(Ms(200));
    const auto t0 = SteadyClock::now();
    auto res = server.get(cid_path(cafe, "/line-states/export.csv?q=third"), tokens[2], "fr");
    const auto waited = elapsed_ms(t0);
    for (auto& t : running) t.join();
    REQUIRE(res);
    CHECK(res->status == 408);
    CHECK(res->get_header_value("Content-Type") == "application/problem+json");
    CHECK(json_of(res)["code"] == "export_queue_timeout");
    CHECK(json_of(res)["detail"].get<std::string>().find("file d'attente") != std::string::npos);
    CHECK(waited >= 1000);
    CHECK(waited < 1700);
    CHECK(statuses == std::vector<int>{200, 200});
}

TEST_CASE("session spacing: the second export within the spacing is delayed, a third meanwhile is refused",
          "[line-states][export][spacing]") {
    TempDir dir;
    TestServer server(dir.path() / "db.sqlite", export_config());  // spacing 1 s
    const auto cafe = server.customer_id("Café Lumière");
    const auto admin = server.login("client-admin", "client-demo");
    const auto colleague = make_user_session(server, "colleague", cafe);
    const auto elsewhere = server.login("other-admin", "other-demo");
    const auto dupont = server.customer_id("Boulangerie Dupont");

    const auto t0 = SteadyClock::now();
    REQUIRE(server.get(cid_path(cafe, "/line-states/export.csv"), admin)->status == 200);
    long second_ms = 0;
    int second_status = 0;
    std::thread second([&] {
        auto res = server.get(cid_path(cafe, "/line-states/export.csv?state=aged"), admin);
        second_ms = elapsed_ms(t0);
        second_status = res ? res->status : 0;
    });
    std::this_thread::sleep_for(Ms(300));
    // While the second is delayed: the same session, and anyone for the same customer, get 429.
    auto third = server.get(cid_path(cafe, "/line-states/export.csv?state=registered"), admin);
    auto same_customer = server.get(cid_path(cafe, "/line-states/export.csv?state=unregistered"), colleague);
    // Another customer is not concerned.
    auto other_customer = server.get(cid_path(dupont, "/line-states/export.csv"), elsewhere);
    second.join();

    CHECK(second_status == 200);
    CHECK(second_ms >= 950);  // 1 s after the first started (50 ms of clock slack)
    CHECK(second_ms < 1600);
    REQUIRE(third);
    CHECK(third->status == 429);
    CHECK(json_of(third)["code"] == "export_rate_limited");
    CHECK(!third->get_header_value("Retry-After").empty());
    CHECK(same_customer->status == 429);
    CHECK(other_customer->status == 200);
    WARN("spacing 1 s: the second export was answered " << second_ms << " ms after the first started");
}

TEST_CASE("cross-user cache: the same export by another user is served from the first one's result",
          "[line-states][export][cache]") {
    TempDir dir;
    TestServer server(dir.path() / "db.sqlite", export_config());
    const auto cafe = server.customer_id("Café Lumière");
    const auto admin = server.login("client-admin", "client-demo");
    const auto op = server.login("operator", "operator-demo");

    auto first = server.get(cid_path(cafe, "/line-states/export.csv?site=all"), admin);
    REQUIRE(first->status == 200);
    CHECK(first->get_header_value("X-Export-Cache") == "miss");
    register_line(server, "33140000001", 3600);  // the data changes; the cached result does not

    auto hit = server.get(cid_path(cafe, "/line-states/export.csv?site=all"), op);
    REQUIRE(hit->status == 200);
    CHECK(hit->get_header_value("X-Export-Cache") == "hit");
    CHECK(hit->body == first->body);

    auto other_filters = server.get(cid_path(cafe, "/line-states/export.csv?site=all&state=registered"),
                                    server.login("sp-admin", "sp-demo"));
    CHECK(other_filters->get_header_value("X-Export-Cache") == "miss");

    // The same user is not a hit: after the spacing, the export runs again and sees new data.
    std::this_thread::sleep_for(Ms(1050));
    auto again = server.get(cid_path(cafe, "/line-states/export.csv?site=all"), admin);
    REQUIRE(again->status == 200);
    CHECK(again->get_header_value("X-Export-Cache") == "miss");
    CHECK(again->body != first->body);

    SECTION("while it runs, another user's same export waits for it and is a hit") {
        TempDir dir2;
        auto config = export_config();
        config.fault_export_delay_ms = 500;
        TestServer slow(dir2.path() / "db.sqlite", config);
        const auto cafe2 = slow.customer_id("Café Lumière");
        const auto a = make_user_session(slow, "a", cafe2), b = make_user_session(slow, "b", cafe2);
        std::optional<httplib::Result> ra;
        std::thread t([&] { ra.emplace(slow.get(cid_path(cafe2, "/line-states/export.csv"), a)); });
        std::this_thread::sleep_for(Ms(150));
        auto rb = slow.get(cid_path(cafe2, "/line-states/export.csv"), b);
        t.join();
        REQUIRE(ra);
        REQUIRE(*ra);
        REQUIRE(rb);
        CHECK((*ra)->get_header_value("X-Export-Cache") == "miss");
        CHECK(rb->get_header_value("X-Export-Cache") == "hit");
        CHECK((*ra)->body == rb->body);
    }
}

TEST_CASE("an export that fails answers 500 problem+json, never a partial file", "[line-states][export][failure]") {
    TempDir dir;
    auto config = export_config();
    config.fault_export_fail = true;  // FAULT INJECTION: every export fails after its first row
    TestServer server(dir.path() / "db.sqlite", config);
    const auto cafe = server.customer_id("Café Lumière");
    const auto admin = server.login("client-admin", "client-demo");

    auto res = server.get(cid_path(cafe, "/line-states/export.csv"), admin, "fr");
    REQUIRE(res);
    CHECK(res->status == 500);
    CHECK(res->get_header_value("Content-Type") == "application/problem+json");
    CHECK(res->get_header_value("X-Export-Cache").empty());
    CHECK(res->body.find("site,mac") == std::string::npos);
    CHECK(json_of(res)["code"] == "export_failed");
    CHECK(json_of(res)["detail"].get<std::string>().find("a échoué") != std::string::npos);
    // A failure is not cached: another user's same export runs (and fails) again.
    auto other = server.get(cid_path(cafe, "/line-states/export.csv"), server.login("operator", "operator-demo"));
    CHECK(other->status == 500);
    // Nothing is left behind beside the database.
    std::size_t files = 0;
    for (auto& e : std::filesystem::directory_iterator(dir.path() / "export-tmp")) {
        (void)e;
        ++files;
    }
    CHECK(files == 0);
}

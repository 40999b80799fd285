// SPEC 4, F22 (issue 17): the login back-off (429 with Retry-After until the window passes,
// whatever the password) and the cap on concurrent password checks. Real server, real SQLite,
// the clock moved by hand instead of sleeping 60 s.
#include <catch2/catch.hpp>

#include <atomic>
#include <thread>
#include <vector>

#include "test_server.hpp"

using namespace phonefleet::testing;
using nlohmann::json;

namespace {

httplib::Result try_login(const TestServer& server, const std::string& user, const std::string& password,
                          const std::string& lang = "en") {
    return server.client().Post("/api/v1/auth/login", {{"Accept-Language", lang}},
                                json{{"username", user}, {"password", password}}.dump(), "application/json");
}

}  // namespace

TEST_CASE("five failed logins of one user name: 429 with Retry-After, whatever the password, until the window passes",
          "[security][login]") {
    TempDir dir;
    ManualClock clock;
    TestServer server(dir.path() / "db.sqlite", TestServer::default_config(), &clock);

    for (int i = 0; i < 5; ++i) CHECK(try_login(server, "client-admin", "wrong")->status == 401);
    auto refused = try_login(server, "client-admin", "client-demo", "fr");
    REQUIRE(refused->status == 429);
    CHECK(refused->get_header_value("Retry-After") == "60");
    CHECK(refused->get_header_value("Content-Type") == "application/problem+json");
    CHECK(json_of(refused)["code"] == "login_throttled");
    CHECK(json_of(refused)["detail"].get<std::string>().find("Réessayez dans 60 s") != std::string::npos);
    CHECK(json_of(try_login(server, "client-admin", "client-demo"))["detail"].get<std::string>().find("Try again in 60 s") !=
          std::string::npos);
    // Another user from the same address is not concerned.
    CHECK(try_login(server, "other-admin", "other-demo")->status == 200);

    clock.now += 59;
    auto later = try_login(server, "client-admin", "client-demo");
    CHECK(later->status == 429);
    CHECK(later->get_header_value("Retry-After") == "1");
    clock.now += 1;  // the window has passed
    CHECK(try_login(server, "client-admin", "client-demo")->status == 200);

    // The back-off was audited once, in the operator's trail, with the address.
    const auto audit = json_of(server.get("/api/v1/audit", server.login("operator", "operator-demo")));
    int backoffs = 0;
    for (const auto& e : audit["items"])
        if (e["outcome"] == "login_throttled") {
            ++backoffs;
            CHECK(e["target"] == "client-admin");
            CHECK(e["detail"].get<std::string>().find("127.0.0.1") != std::string::npos);
        }
    CHECK(backoffs == 1);
}

TEST_CASE("twenty failed logins from one address: every login from it waits the window", "[security][login]") {
    TempDir dir;
    ManualClock clock;
    TestServer server(dir.path() / "db.sqlite", TestServer::default_config(), &clock);

    for (int i = 0; i < 20; ++i) CHECK(try_login(server, "nobody-" + std::to_string(i), "guess")->status == 401);
    auto refused = try_login(server, "other-admin", "other-demo");
    CHECK(refused->status == 429);
    CHECK(refused->get_header_value("Retry-After") == "60");
    clock.now += 60;
    CHECK(try_login(server, "other-admin", "other-demo")->status == 200);
}

TEST_CASE("concurrent password checks never exceed the cap; the rest wait their turn", "[security][login]") {
    TempDir dir;
    auto config = TestServer::default_config();
    config.http_threads = 16;
    config.password_checks = 2;
    config.login_address_failures = 1000;  // this test is about the cap, not the back-off
    TestServer server(dir.path() / "db.sqlite", config);

    constexpr int kLogins = 12;
    std::atomic<int> ready{0};
    std::vector<int> statuses(kLogins, 0);
    std::vector<std::thread> threads;
    for (int i = 0; i < kLogins; ++i)
        threads.emplace_back([&, i] {
            ++ready;
            while (ready < kLogins) std::this_thread::yield();
            auto res = try_login(server, "user-" + std::to_string(i), "wrong");
            statuses[i] = res ? res->status : 0;
        });
    for (auto& t : threads) t.join();
    for (int s : statuses) CHECK(s == 401);  // all waited and were checked: none refused as busy
    const auto& gate = server.app().auth().password_gate();
    CHECK(gate.peak() == 2);
    CHECK(gate.in_flight() == 0);
    CHECK(server.app().auth().login_counters().failures == kLogins);
}

TEST_CASE("a password check that cannot start in time: 503 with Retry-After", "[security][login]") {
    TempDir dir;
    auto config = TestServer::default_config();
    config.http_threads = 16;
    config.password_checks = 1;
    config.password_check_wait_ms = 0;  // no waiting at all: any overlap is refused
    config.login_address_failures = 1000;
    TestServer server(dir.path() / "db.sqlite", config);

    constexpr int kLogins = 8;
    std::atomic<int> ready{0};
    struct Answer {
        int status = 0;
        std::string retry_after, code;
    };
    std::vector<Answer> results(kLogins);
    std::vector<std::thread> threads;
    for (int i = 0; i < kLogins; ++i)
        threads.emplace_back([&, i] {
            ++ready;
            while (ready < kLogins) std::this_thread::yield();
            auto r = try_login(server, "user-" + std::to_string(i), "wrong");
            if (r) results[i] = {r->status, r->get_header_value("Retry-After"), json_of(r).value("code", "")};
        });
    for (auto& t : threads) t.join();
    int busy = 0;
    for (const auto& r : results) {
        if (r.status == 503) {
            ++busy;
            CHECK(r.retry_after == "1");
            CHECK(r.code == "login_busy");
        } else {
            CHECK(r.status == 401);
        }
    }
    CHECK(busy >= 1);
    CHECK(server.app().auth().password_gate().peak() == 1);
}

// Issue 17: security headers on every answer: static files, API answers, errors.
#include <catch2/catch.hpp>

#include <fstream>

#include "test_server.hpp"

using namespace phonefleet::testing;

TEST_CASE("every answer carries the CSP, nosniff, frame-ancestors and Referrer-Policy", "[security][headers]") {
    TempDir dir;
    std::filesystem::create_directories(dir.path() / "static");
    std::ofstream(dir.path() / "static" / "index.html") << "<!doctype html><title>t</title>";
    auto config = TestServer::default_config();
    config.static_dirs = {(dir.path() / "static").string()};
    TestServer server(dir.path() / "db.sqlite", config);
    const auto token = server.login("client-admin", "client-demo");

    struct Seen {
        std::string path;
        int status;
    };
    for (const auto& [path, status] : {Seen{"/", 200}, Seen{"/index.html", 200}, Seen{"/healthz", 200},
                                       Seen{"/api/openapi.json", 200}, Seen{"/api/v1/me", 200},
                                       Seen{"/api/v1/nowhere", 404}, Seen{"/nowhere.js", 404}}) {
        INFO(path);
        auto res = server.get(path, token);
        REQUIRE(res);
        CHECK(res->status == status);
        const auto csp = res->get_header_value("Content-Security-Policy");
        CHECK(csp.find("frame-ancestors 'none'") != std::string::npos);
        CHECK(csp.find("script-src 'self' 'wasm-unsafe-eval'") != std::string::npos);
        CHECK(csp.find("unsafe-inline") == std::string::npos);
        CHECK(res->get_header_value("X-Content-Type-Options") == "nosniff");
        CHECK(res->get_header_value("Referrer-Policy") == "no-referrer");
        // Plain HTTP from a direct client: no HSTS (it would pin a loopback trial to https).
        CHECK(!res->has_header("Strict-Transport-Security"));
    }
    // A refused login and a 401 too.
    auto refused = server.get("/api/v1/me", "");
    CHECK(refused->status == 401);
    CHECK(refused->get_header_value("X-Content-Type-Options") == "nosniff");
}

// --trusted-proxy (SPEC 9, issue 17): X-Forwarded-For/-Proto believed only from the named
// peers; the login back-off keys on the forwarded client then; Secure cookie and HSTS over TLS.
#include <catch2/catch.hpp>

#include "test_server.hpp"

using namespace phonefleet::testing;
using nlohmann::json;

namespace {

httplib::Result login_via(const TestServer& server, const std::string& user, const std::string& password,
                          const std::string& xff, const std::string& proto = "") {
    httplib::Headers h = {{"X-Forwarded-For", xff}};
    if (!proto.empty()) h.emplace("X-Forwarded-Proto", proto);
    return server.client().Post("/api/v1/auth/login", h, json{{"username", user}, {"password", password}}.dump(),
                                "application/json");
}

phonefleet::app::Config with_address_limit(std::vector<std::string> proxies) {
    auto config = TestServer::default_config();
    config.login_address_failures = 3;
    config.trusted_proxies = std::move(proxies);
    return config;
}

}  // namespace

TEST_CASE("from an untrusted peer, X-Forwarded-For and -Proto are ignored", "[security][proxy]") {
    TempDir dir;
    TestServer server(dir.path() / "db.sqlite", with_address_limit({}));
    // A client cannot escape the per-address back-off by writing a new X-Forwarded-For each time.
    for (int i = 1; i <= 3; ++i) CHECK(login_via(server, "nobody-" + std::to_string(i), "x", "198.51.100." + std::to_string(i))->status == 401);
    CHECK(login_via(server, "client-admin", "client-demo", "198.51.100.99")->status == 429);

    TempDir dir2;
    TestServer plain(dir2.path() / "db.sqlite", with_address_limit({}));
    auto ok = login_via(plain, "client-admin", "client-demo", "198.51.100.1", "https");
    REQUIRE(ok->status == 200);
    CHECK(ok->get_header_value("Set-Cookie").find("Secure") == std::string::npos);
    CHECK(!ok->has_header("Strict-Transport-Security"));
}

TEST_CASE("from a trusted proxy, the forwarded client address and TLS are believed", "[security][proxy]") {
    TempDir dir;
    TestServer server(dir.path() / "db.sqlite", with_address_limit({"127.0.0.1"}));
    for (int i = 1; i <= 3; ++i) CHECK(login_via(server, "nobody-" + std::to_string(i), "x", "198.51.100.7")->status == 401);
    // That client waits; another behind the same front does not.
    CHECK(login_via(server, "client-admin", "client-demo", "198.51.100.7")->status == 429);
    CHECK(login_via(server, "client-admin", "client-demo", "198.51.100.8")->status == 200);
    // Entries the client wrote itself (left of the front's) are not believed: .7 is still seen.
    CHECK(login_via(server, "client-admin", "client-demo", "203.0.113.1, 198.51.100.7")->status == 429);

    auto over_tls = login_via(server, "client-admin", "client-demo", "198.51.100.8", "https");
    REQUIRE(over_tls->status == 200);
    CHECK(over_tls->get_header_value("Set-Cookie").find("; Secure") != std::string::npos);
    CHECK(over_tls->get_header_value("Strict-Transport-Security") == "max-age=31536000");
    auto plain_http = login_via(server, "client-admin", "client-demo", "198.51.100.8", "http");
    CHECK(plain_http->get_header_value("Set-Cookie").find("Secure") == std::string::npos);
    CHECK(!plain_http->has_header("Strict-Transport-Security"));

    // The audit of the back-off names the client, not the front.
    const auto audit = json_of(server.get("/api/v1/audit", server.login("operator", "operator-demo")));
    bool named = false;
    for (const auto& e : audit["items"])
        if (e["outcome"] == "login_throttled") named = e["detail"].get<std::string>().find("198.51.100.7") != std::string::npos;
    CHECK(named);
}

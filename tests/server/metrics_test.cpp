// GET /metrics (SPEC 4, F22, issue 17): the process metrics and the product's counters, and who
// may read them: the --metrics-allow addresses without a session, an operator from anywhere.
#include <catch2/catch.hpp>

#include "test_server.hpp"

using namespace phonefleet::testing;

namespace {

// The value of an unlabelled sample, or -1.
double sample(const std::string& text, const std::string& name) {
    const auto pos = text.find("\n" + name + " ");
    if (pos == std::string::npos) return -1;
    return std::stod(text.substr(pos + name.size() + 2));
}

}  // namespace

TEST_CASE("/metrics from loopback: process metrics and product counters in Prometheus text", "[metrics]") {
    TempDir dir;
    TestServer server(dir.path() / "db.sqlite");
    server.client().Post("/api/v1/auth/login", R"({"username":"client-admin","password":"wrong"})", "application/json");
    server.get("/api/v1/nowhere", "");

    // An answer is counted once written, just after the client has it: wait for both (bounded).
    auto res = server.get("/metrics", "");
    for (int i = 0; i < 50 && res->body.find("phonefleet_http_requests_total{code=\"4xx\"} 2") == std::string::npos; ++i) {
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
        res = server.get("/metrics", "");
    }
    REQUIRE(res->status == 200);
    CHECK(res->get_header_value("Content-Type").rfind("text/plain; version=0.0.4", 0) == 0);
    const auto& text = res->body;
    CHECK(sample(text, "process_resident_memory_bytes") > 1'000'000);
    CHECK(sample(text, "process_cpu_seconds_total") >= 0);
    CHECK(sample(text, "process_open_fds") > 3);
    CHECK(sample(text, "phonefleet_login_failures_total") == 1);
    CHECK(sample(text, "phonefleet_password_checks_in_flight") == 0);
    CHECK(sample(text, "phonefleet_password_checks_capacity") == 2);
    CHECK(sample(text, "phonefleet_export_running") == 0);
    CHECK(text.find("# TYPE phonefleet_http_request_duration_seconds histogram") != std::string::npos);
    CHECK(text.find("phonefleet_http_requests_total{code=\"4xx\"} ") != std::string::npos);
    CHECK(text.find("phonefleet_sip_messages_total{outcome=\"received\"} ") != std::string::npos);
    // The 401 and the 404 above were counted (the logger sees every answer).
    const std::string four = "phonefleet_http_requests_total{code=\"4xx\"} ";
    CHECK(std::stod(text.substr(text.find(four) + four.size())) >= 2);
}

TEST_CASE("/metrics from an address not allowed: 403 without an operator session", "[metrics][security]") {
    TempDir dir;
    auto config = TestServer::default_config();
    config.metrics_allow = {"192.0.2.10"};  // the scraper; the test client is not it
    TestServer server(dir.path() / "db.sqlite", config);

    auto anonymous = server.get("/metrics", "");
    CHECK(anonymous->status == 403);
    CHECK(json_of(anonymous)["code"] == "forbidden");
    CHECK(server.get("/metrics", server.login("client-admin", "client-demo"))->status == 403);
    CHECK(server.get("/metrics", server.login("sp-admin", "sp-demo"))->status == 403);
    CHECK(server.get("/metrics", server.login("operator", "operator-demo"))->status == 200);
}

TEST_CASE("/metrics through a trusted proxy: the client's address decides, not the proxy's", "[metrics][proxy]") {
    TempDir dir;
    auto config = TestServer::default_config();
    config.trusted_proxies = {"127.0.0.1"};  // the front runs on loopback beside the instance
    TestServer server(dir.path() / "db.sqlite", config);
    auto from_outside = server.client().Get("/metrics", {{"X-Forwarded-For", "203.0.113.5"}});
    CHECK(from_outside->status == 403);
    auto from_scraper = server.client().Get("/metrics", {{"X-Forwarded-For", "127.0.0.1"}});
    CHECK(from_scraper->status == 200);
}

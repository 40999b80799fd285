// The bulk probe (F3 for a whole customer): POST /api/v1/customers/{cid}/probe against peers on
// loopback: sipp phones that register with digest and answer OPTIONS, an osip test phone that
// registers and then stays silent, and another customer's phone that must be left alone.
#include <catch2/catch.hpp>

#include <future>

#include "sip_fixture.hpp"
#include "test_phone.hpp"

using namespace phonefleet::testing;

namespace {

phonefleet::app::Config md5_config() {  // sipp 3.6 computes MD5 only
    auto c = sip_config();
    c.sip_digest = {"MD5"};
    return c;
}

// A sipp phone that registers, then answers every OPTIONS 200 for hold_ms.
PeerProcess answering_phone(const SipTestServer& server, const LineSecret& line, int hold_ms = 8000) {
    const std::string dir = PHONEFLEET_SIP_SCENARIOS;
    return PeerProcess({"sipp", server.sip_target(), "-key", "expires", "60", "-sf", dir + "/register.xml", "-s",
                        line.user, "-au", line.user, "-ap", line.password, "-i", "127.0.0.1", "-p",
                        std::to_string(free_udp_port()), "-m", "1", "-d", std::to_string(hold_ms), "-nostdin",
                        "-timeout", "15s", "-timeout_error", "-oocsf", dir + "/answer_phone.xml"});
}

nlohmann::json status_of(const SipTestServer& server, const std::string& mac, const std::string& token = "") {
    return nlohmann::json::parse(server.client().Get(("/api/v1/devices/" + mac + "/status").c_str(), server.headers(token))->body);
}

bool wait_registered(const SipTestServer& server, const std::string& mac, const std::string& token = "") {
    for (int i = 0; i < 200; ++i) {
        if (status_of(server, mac, token)["state"] == "registered") return true;
        std::this_thread::sleep_for(std::chrono::milliseconds(30));
    }
    return false;
}

std::string customer_of(const SipTestServer& server, const std::string& token = "") {
    auto res = server.client().Get("/api/v1/customers", server.headers(token));
    return std::to_string(nlohmann::json::parse(res->body)["items"][0]["id"].get<std::int64_t>());
}

httplib::Result bulk_probe(const SipTestServer& server, const std::string& cid, const std::string& token = "",
                           const std::string& query = "", const std::string& language = "en") {
    auto headers = server.headers(token);
    headers.erase("Accept-Language");
    headers.emplace("Accept-Language", language);
    return server.client().Post(("/api/v1/customers/" + cid + "/probe" + query).c_str(), headers, "", "application/json");
}

std::string created_token(const httplib::Result& res) {
    return res && res->status == 201 ? nlohmann::json::parse(res->body)["token"].get<std::string>() : "";
}

}  // namespace

TEST_CASE("bulk probe: answering devices reachable with an RTT, a silent one Aged, another customer's untouched",
          "[bulk-probe]") {
    SipTestServer server(md5_config());
    const auto other = server.login("other-admin", "other-demo");
    const auto cid = customer_of(server);
    auto a = server.device_with_lines(1)[0];
    auto b = server.device_with_lines(1)[0];
    auto silent = server.device_with_lines(1)[0];
    auto never = server.device_with_lines(1)[0];  // never registers: not probed
    auto theirs = server.device_with_lines(1, other)[0];

    auto phone_a = answering_phone(server, a);
    auto phone_b = answering_phone(server, b);
    auto phone_theirs = answering_phone(server, theirs);
    TestPhone quiet(silent.user, silent.password, server.sip_port());
    auto registered = quiet.register_with({quiet.contact()}, 60);
    REQUIRE(registered);
    REQUIRE(registered->status() == 200);
    REQUIRE(wait_registered(server, a.mac));
    REQUIRE(wait_registered(server, b.mac));
    REQUIRE(wait_registered(server, silent.mac));
    REQUIRE(wait_registered(server, theirs.mac, other));

    const auto started = std::chrono::steady_clock::now();
    auto res = bulk_probe(server, cid);
    const auto took = std::chrono::steady_clock::now() - started;
    REQUIRE(res);
    REQUIRE(res->status == 200);
    auto report = nlohmann::json::parse(res->body);
    CHECK(report["probed"] == 3);
    CHECK(report["reachable"] == 2);
    CHECK(report["unreachable"] == 1);
    CHECK(report["contacts"] == 3);
    // The silent phone holds it to the one deadline (--sip-probe-timeout-ms 1000), no longer.
    CHECK(report["duration_ms"].get<int>() >= 900);
    CHECK(took < std::chrono::seconds(3));

    for (const auto* line : {&a, &b}) {
        auto st = status_of(server, line->mac);
        CHECK(st["probe"]["reachable"] == true);
        CHECK(st["probe"]["rtt_ms"].is_number());
        CHECK(st["probe"]["rtt_ms"].get<int>() < 500);
        CHECK(st["probe"]["checked_at"] == server.clock.now.load());
        CHECK(st["state"] == "registered");
    }
    auto st = status_of(server, silent.mac);
    CHECK(st["probe"]["reachable"] == false);
    CHECK(st["probe"]["rtt_ms"].is_null());
    CHECK(st["state"] == "aged");  // SPEC 3, as after a single probe
    CHECK(st["lines"][0]["state"] == "aged");
    CHECK(status_of(server, never.mac)["probe"].is_null());

    auto left_alone = status_of(server, theirs.mac, other);
    CHECK(left_alone["probe"].is_null());
    CHECK(left_alone["state"] == "registered");

    // One audit entry for the whole operation: who, which customer, the counts.
    auto audit = nlohmann::json::parse(server.get("/api/v1/audit?customer=" + cid)->body)["items"];
    int entries = 0;
    for (const auto& e : audit) {
        if (e["action"] == "device.probe") FAIL("a per-device audit entry: " << e.dump());
        if (e["action"] != "customer.probe") continue;
        ++entries;
        CHECK(e["actor"] == "client-admin");
        CHECK(e["target"] == "all sites");
        CHECK(e["detail"].get<std::string>().rfind("probed=3 reachable=2 unreachable=1 ", 0) == 0);
    }
    CHECK(entries == 1);

    SECTION("a site narrows it; another customer's site is not one of theirs") {
        auto sites = nlohmann::json::parse(server.get("/api/v1/customers/" + cid + "/sites")->body)["items"];
        auto other_sites = nlohmann::json::parse(
            server.client().Get(("/api/v1/customers/" + customer_of(server, other) + "/sites").c_str(), server.headers(other))->body)["items"];
        const auto mine = std::to_string(status_of(server, a.mac)["site_id"].get<std::int64_t>());
        auto narrowed = bulk_probe(server, cid, "", "?site=" + mine);
        REQUIRE(narrowed->status == 200);
        CHECK(nlohmann::json::parse(narrowed->body)["probed"] == 3);
        for (const auto& s : sites)
            if (std::to_string(s["id"].get<std::int64_t>()) != mine)
                CHECK(nlohmann::json::parse(bulk_probe(server, cid, "", "?site=" + std::to_string(s["id"].get<std::int64_t>()))->body)["probed"] == 0);
        auto foreign = bulk_probe(server, cid, "", "?site=" + std::to_string(other_sites[0]["id"].get<std::int64_t>()));
        CHECK(foreign->status == 422);
        CHECK(nlohmann::json::parse(foreign->body)["code"] == "site_unknown");
        CHECK(bulk_probe(server, cid, "", "?site=abc")->status == 400);
        CHECK(bulk_probe(server, cid, "", "?site=all")->status == 200);
    }
}

TEST_CASE("bulk probe: another customer's cid is 404; kiosk and read-only tokens are refused", "[bulk-probe]") {
    SipTestServer server(md5_config());
    const auto cid = customer_of(server);
    const auto other = server.login("other-admin", "other-demo");

    auto foreign = bulk_probe(server, cid, other);
    REQUIRE(foreign);
    CHECK(foreign->status == 404);
    CHECK(nlohmann::json::parse(foreign->body)["code"] == "customer_not_found");
    auto missing = bulk_probe(server, "999999");
    CHECK(missing->status == 404);
    CHECK(missing->body == bulk_probe(server, "999999", other)->body);  // exactly as a missing one

    auto kiosk = created_token(server.client().Post(("/api/v1/customers/" + cid + "/kiosk-tokens").c_str(), server.headers(),
                                                    R"({"name":"Wall"})", "application/json"));
    REQUIRE(!kiosk.empty());
    auto by_kiosk = bulk_probe(server, cid, kiosk);
    CHECK(by_kiosk->status == 403);
    CHECK(nlohmann::json::parse(by_kiosk->body)["code"] == "forbidden");

    // As the single probe (a POST that writes each device's probe): write tokens only.
    auto read = created_token(
        server.client().Post("/api/v1/tokens", server.headers(), R"({"name":"ro","scope":"read"})", "application/json"));
    auto write = created_token(
        server.client().Post("/api/v1/tokens", server.headers(), R"({"name":"rw","scope":"write"})", "application/json"));
    REQUIRE(!read.empty());
    REQUIRE(!write.empty());
    auto by_reader = bulk_probe(server, cid, read);
    CHECK(by_reader->status == 403);
    CHECK(nlohmann::json::parse(by_reader->body)["code"] == "forbidden");
    auto by_writer = bulk_probe(server, cid, write);
    CHECK(by_writer->status == 200);
    CHECK(nlohmann::json::parse(by_writer->body)["probed"] == 0);
}

TEST_CASE("bulk probe: a second one for the same customer while one runs answers 409", "[bulk-probe]") {
    SipTestServer server(md5_config());
    const auto cid = customer_of(server);
    const auto other = server.login("other-admin", "other-demo");
    auto silent = server.device_with_lines(1)[0];
    TestPhone quiet(silent.user, silent.password, server.sip_port());
    auto registered = quiet.register_with({quiet.contact()}, 60);
    REQUIRE(registered);
    REQUIRE(registered->status() == 200);

    // The silent phone keeps the first one running for the whole deadline (1 s).
    auto first = std::async(std::launch::async, [&] { return bulk_probe(server, cid); });
    std::this_thread::sleep_for(std::chrono::milliseconds(300));
    auto second = bulk_probe(server, cid);
    REQUIRE(second);
    CHECK(second->status == 409);
    auto problem = nlohmann::json::parse(second->body);
    CHECK(problem["code"] == "probe_in_progress");
    CHECK(problem["detail"].get<std::string>().find("already running") != std::string::npos);
    auto in_french = bulk_probe(server, cid, "", "", "fr");
    CHECK(in_french->status == 409);
    CHECK(nlohmann::json::parse(in_french->body)["detail"].get<std::string>().find("déjà en cours") != std::string::npos);
    CHECK(bulk_probe(server, customer_of(server, other), other)->status == 200);  // others are not held up

    auto done = first.get();
    REQUIRE(done);
    CHECK(done->status == 200);
    CHECK(nlohmann::json::parse(done->body)["unreachable"] == 1);
    CHECK(bulk_probe(server, cid)->status == 200);  // free again
}

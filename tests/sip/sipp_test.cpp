// The registrar, probes and reboots against sipp (Debian's sip-tester), a SIP peer nobody here
// wrote, started on loopback by each test. sipp 3.6 computes MD5 digests only (its
// [authentication] refuses SHA-256), so these servers offer MD5; SHA-256 is proven by
// registrar_test.cpp with a phone built on osip.
#include <catch2/catch.hpp>

#include "sip_fixture.hpp"

using namespace phonefleet::testing;

namespace {

phonefleet::app::Config md5_config() {
    auto c = sip_config();
    c.sip_digest = {"MD5"};
    return c;
}

struct Sipp {
    std::string scenario;
    LineSecret line;
    std::string password;  // empty: the line's own
    int expires = 60;
    int hold_ms = 0;        // keeps its socket open that long after the scenario
    bool answers = false;   // answers OPTIONS and NOTIFY with 200
    int port = 0;           // 0: a free one
};

std::vector<std::string> sipp_argv(const SipTestServer& server, const Sipp& s) {
    const std::string dir = PHONEFLEET_SIP_SCENARIOS;
    std::vector<std::string> argv = {"sipp", server.sip_target(), "-key", "expires", std::to_string(s.expires),
                                     "-sf", dir + "/" + s.scenario + ".xml", "-s", s.line.user, "-au", s.line.user,
                                     "-ap", s.password.empty() ? s.line.password : s.password, "-i", "127.0.0.1",
                                     "-p", std::to_string(s.port ? s.port : free_udp_port()), "-m", "1",
                                     "-d", std::to_string(s.hold_ms), "-nostdin", "-timeout", "15s", "-timeout_error"};
    if (s.answers) argv.insert(argv.end(), {"-oocsf", dir + "/answer_phone.xml"});
    return argv;
}

int run_sipp(const SipTestServer& server, const Sipp& s) { return PeerProcess(sipp_argv(server, s)).wait(); }

std::string state_of(const nlohmann::json& status) { return status["state"].get<std::string>(); }

}  // namespace

TEST_CASE("sipp registers with MD5 digest; every registration field is recorded", "[sipp]") {
    SipTestServer server(md5_config());
    auto line = server.device_with_lines(1)[0];
    CHECK(state_of(server.status(line.mac)) == "unregistered");

    const int port = free_udp_port();
    REQUIRE(run_sipp(server, {"register", line, "", 60, 0, false, port}) == 0);
    auto st = server.status(line.mac);
    CHECK(st["state"] == "registered");
    CHECK(st["lines"][0]["state"] == "registered");
    CHECK(st["remote_ip"] == "127.0.0.1:" + std::to_string(port));
    CHECK(st["host_ip"] == "127.0.0.1");
    CHECK(st["registered_to"] == server.sip_target());
    CHECK(st["user_agent"] == "sipp-phone/3.6");
    CHECK(st["registered_at"] == server.clock.now.load());
    CHECK(st["expires_at"] == server.clock.now.load() + 60);

    SECTION("a server restart keeps the binding") {
        server.restart();
        CHECK(server.status(line.mac)["state"] == "registered");
    }
    SECTION("Expires: 0 removes it") {
        REQUIRE(run_sipp(server, {"unregister", line, "", 0, 0, false, port}) == 0);
        CHECK(server.status(line.mac)["state"] == "unregistered");
    }
}

TEST_CASE("sipp with a wrong password gets 403 and never binds", "[sipp]") {
    SipTestServer server(md5_config());
    auto line = server.device_with_lines(1)[0];
    REQUIRE(run_sipp(server, {"register_forbidden", line, "wrong-password"}) == 0);
    auto st = server.status(line.mac);
    CHECK(st["state"] == "unregistered");
    CHECK(st["registered_at"].is_null());
}

TEST_CASE("expiry: 423 below --sip-min-expires; a lapsed binding is Aged, then Unregistered", "[sipp]") {
    auto config = md5_config();
    config.sip_min_expires_s = 30;
    config.sip_aging_window_s = 100;
    SipTestServer server(config);
    auto line = server.device_with_lines(1)[0];
    REQUIRE(run_sipp(server, {"register_too_brief", line, "", 29}) == 0);
    CHECK(state_of(server.status(line.mac)) == "unregistered");

    REQUIRE(run_sipp(server, {"register", line, "", 30}) == 0);
    CHECK(state_of(server.status(line.mac)) == "registered");
    server.clock.now += 29;
    CHECK(state_of(server.status(line.mac)) == "registered");
    server.clock.now += 1;  // lapsed without a de-registration (SPEC 3)
    CHECK(state_of(server.status(line.mac)) == "aged");
    server.clock.now += 99;
    CHECK(state_of(server.status(line.mac)) == "aged");
    server.clock.now += 1;  // the aging window is over
    CHECK(state_of(server.status(line.mac)) == "unregistered");
}

TEST_CASE("probe: OPTIONS answered keeps it Registered with an RTT; unanswered makes it Aged", "[sipp]") {
    SipTestServer server(md5_config());
    auto line = server.device_with_lines(1)[0];
    {
        PeerProcess phone(sipp_argv(server, {"register", line, "", 60, 4000, true}));
        for (int i = 0; i < 100 && server.status(line.mac)["state"] != "registered"; ++i)
            std::this_thread::sleep_for(std::chrono::milliseconds(30));
        auto res = server.post("/api/v1/devices/" + line.mac + "/probe");
        REQUIRE(res);
        REQUIRE(res->status == 200);
        auto st = nlohmann::json::parse(res->body);
        CHECK(st["probe"]["reachable"] == true);
        CHECK(st["probe"]["rtt_ms"].is_number());
        CHECK(st["probe"]["rtt_ms"].get<int>() < 500);
        CHECK(st["probe"]["checked_at"] == server.clock.now.load());
        CHECK(st["state"] == "registered");
        CHECK(phone.wait() == 0);
    }
    // The phone is gone (its port closed): the same binding no longer answers.
    const auto started = std::chrono::steady_clock::now();
    auto res = server.post("/api/v1/devices/" + line.mac + "/probe");
    REQUIRE(res);
    auto st = nlohmann::json::parse(res->body);
    CHECK(std::chrono::steady_clock::now() - started < std::chrono::seconds(3));
    CHECK(st["probe"]["reachable"] == false);
    CHECK(st["probe"]["rtt_ms"].is_null());
    CHECK(st["state"] == "aged");
    CHECK(st["lines"][0]["state"] == "aged");

    SECTION("a new REGISTER makes it Registered again") {
        REQUIRE(run_sipp(server, {"register", line}) == 0);
        CHECK(state_of(server.status(line.mac)) == "registered");
    }
    SECTION("a reboot of a device that is not Registered is 409") {
        auto r = server.post("/api/v1/devices/" + line.mac + "/reboot");
        CHECK(r->status == 409);
        CHECK(nlohmann::json::parse(r->body)["code"] == "device_not_registered");
    }
}

TEST_CASE("reboot: NOTIFY answered 200 is accepted (202), a new REGISTER confirms it", "[sipp]") {
    SipTestServer server(md5_config());
    auto line = server.device_with_lines(1)[0];
    {
        PeerProcess phone(sipp_argv(server, {"register", line, "", 60, 3000, true}));
        for (int i = 0; i < 100 && server.status(line.mac)["state"] != "registered"; ++i)
            std::this_thread::sleep_for(std::chrono::milliseconds(30));
        auto res = server.post("/api/v1/devices/" + line.mac + "/reboot");
        REQUIRE(res);
        REQUIRE(res->status == 202);
        auto body = nlohmann::json::parse(res->body);
        CHECK(body["reboot"] == "accepted");
        CHECK(body["sip_status"] == 200);
        CHECK(server.status(line.mac)["reboot"]["state"] == "accepted");
        CHECK(phone.wait() == 0);
    }
    server.clock.now += 30;  // the phone reboots, then registers again
    REQUIRE(run_sipp(server, {"register", line}) == 0);
    auto st = server.status(line.mac);
    CHECK(st["reboot"]["state"] == "confirmed");
    CHECK(st["reboot"]["at"] == server.clock.now.load());

    auto audit = nlohmann::json::parse(server.get("/api/v1/audit")->body)["items"];
    std::vector<std::string> actions;
    for (const auto& e : audit) actions.push_back(e["action"]);
    CHECK(std::find(actions.begin(), actions.end(), "reboot.accepted") != actions.end());
    CHECK(std::find(actions.begin(), actions.end(), "reboot.confirmed") != actions.end());
}

TEST_CASE("reboot: no REGISTER within the window reads not_confirmed, in the status and the audit", "[sipp]") {
    SipTestServer server(md5_config());
    auto line = server.device_with_lines(1)[0];
    PeerProcess phone(sipp_argv(server, {"register", line, "", 600, 2000, true}));
    for (int i = 0; i < 100 && server.status(line.mac)["state"] != "registered"; ++i)
        std::this_thread::sleep_for(std::chrono::milliseconds(30));
    REQUIRE(server.post("/api/v1/devices/" + line.mac + "/reboot")->status == 202);
    CHECK(phone.wait() == 0);

    server.clock.now += 121;  // --reboot-confirm-window-s 120, and nothing came
    CHECK(server.status(line.mac)["reboot"]["state"] == "not_confirmed");
    bool audited = false;
    for (int i = 0; i < 60 && !audited; ++i) {  // the SIP side sweeps about once a second
        const auto audit = nlohmann::json::parse(server.get("/api/v1/audit")->body);
        for (const auto& e : audit["items"]) audited = audited || e["action"] == "reboot.not_confirmed";
        if (!audited) std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
    CHECK(audited);
    // A late REGISTER does not turn it into a confirmation.
    REQUIRE(run_sipp(server, {"register", line}) == 0);
    CHECK(server.status(line.mac)["reboot"]["state"] == "not_confirmed");
}

TEST_CASE("probe and reboot of another customer's device answer 404", "[sipp]") {
    SipTestServer server(md5_config());
    auto line = server.device_with_lines(1)[0];
    const auto other = server.login("other-admin", "other-demo");
    CHECK(server.post("/api/v1/devices/" + line.mac + "/probe", other)->status == 404);
    CHECK(server.post("/api/v1/devices/" + line.mac + "/reboot", other)->status == 404);
    CHECK(server.post("/api/v1/devices/00:00:00:00:00:01/probe")->status == 404);
}

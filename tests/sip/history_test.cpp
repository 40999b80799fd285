// Registration history (F18) driven by real sipp phones and the hand-moved clock: each
// transition recorded with its exact time and reason, lapses and aging-outs found by the
// server's own sweep, flapping in the lists, the history CSV under the export limits, pruning,
// tenancy of both endpoints and newest-first paging by cursor.
#include <catch2/catch.hpp>

#include <future>
#include <sstream>

#include "sip_fixture.hpp"

using namespace phonefleet::testing;

namespace {

phonefleet::app::Config history_config() {
    auto c = sip_config();
    c.sip_digest = {"MD5"};  // sipp 3.6 computes MD5 only
    c.sip_min_expires_s = 30;
    c.sip_aging_window_s = 100;
    return c;
}

struct Sipp {
    std::string scenario;
    LineSecret line;
    int expires = 60;
    int port = 0;
    int hold_ms = 0;
    bool answers = false;
};

std::vector<std::string> sipp_argv(const SipTestServer& server, const Sipp& s) {
    const std::string dir = PHONEFLEET_SIP_SCENARIOS;
    std::vector<std::string> argv = {"sipp", server.sip_target(), "-key", "expires", std::to_string(s.expires),
                                     "-sf", dir + "/" + s.scenario + ".xml", "-s", s.line.user, "-au", s.line.user,
                                     "-ap", s.line.password, "-i", "127.0.0.1",
                                     "-p", std::to_string(s.port ? s.port : free_udp_port()), "-m", "1",
                                     "-d", std::to_string(s.hold_ms), "-nostdin", "-timeout", "15s", "-timeout_error"};
    if (s.answers) argv.insert(argv.end(), {"-oocsf", dir + "/answer_phone.xml"});
    return argv;
}

int run_sipp(const SipTestServer& server, const Sipp& s) { return PeerProcess(sipp_argv(server, s)).wait(); }

nlohmann::json history(const SipTestServer& server, const std::string& mac, const std::string& query = "",
                       const std::string& token = "") {
    auto res = server.client().Get(("/api/v1/devices/" + mac + "/history" + query).c_str(), server.headers(token));
    REQUIRE(res);
    REQUIRE(res->status == 200);
    return nlohmann::json::parse(res->body);
}

// Reasons newest first.
std::vector<std::string> reasons(const nlohmann::json& page) {
    std::vector<std::string> out;
    for (const auto& e : page["items"]) out.push_back(e["reason"]);
    return out;
}

// Waits (the sweep runs once a second on the SIP thread) until the history has n entries.
nlohmann::json history_of_size(const SipTestServer& server, const std::string& mac, std::size_t n) {
    nlohmann::json page;
    for (int i = 0; i < 50; ++i) {
        page = history(server, mac);
        if (page["items"].size() >= n) break;
        std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
    return page;
}

void wait_registered(const SipTestServer& server, const std::string& mac) {
    for (int i = 0; i < 100 && server.status(mac)["state"] != "registered"; ++i)
        std::this_thread::sleep_for(std::chrono::milliseconds(30));
}

}  // namespace

TEST_CASE("history: registered, re-registered from a new address, de-registered", "[history]") {
    SipTestServer server(history_config());
    auto line = server.device_with_lines(1)[0];
    const auto t0 = server.clock.now.load();
    const int a = free_udp_port();
    REQUIRE(run_sipp(server, {"register", line, 60, a}) == 0);
    server.clock.now += 5;  // a refresh from the same address changes nothing
    REQUIRE(run_sipp(server, {"register", line, 60, a}) == 0);
    server.clock.now += 5;
    int b = free_udp_port();
    while (b == a) b = free_udp_port();
    REQUIRE(run_sipp(server, {"register", line, 60, b}) == 0);  // the phone moved
    server.clock.now += 5;
    REQUIRE(run_sipp(server, {"unregister", line, 0, b}) == 0);  // still Registered by a: no change
    server.clock.now += 5;
    REQUIRE(run_sipp(server, {"unregister", line, 0, a}) == 0);

    auto page = history(server, line.mac);
    REQUIRE(reasons(page) == std::vector<std::string>{"deregistered", "reregistered", "registered"});
    const auto& items = page["items"];
    CHECK(items[0]["at"] == t0 + 20);
    CHECK(items[0]["from"] == "registered");
    CHECK(items[0]["to"] == "unregistered");
    CHECK(items[0]["port"] == 1);
    CHECK(items[1]["at"] == t0 + 10);
    CHECK(items[1]["from"] == "registered");
    CHECK(items[1]["to"] == "registered");
    CHECK(items[2]["at"] == t0);
    CHECK(items[2]["from"] == "unregistered");
    CHECK(items[2]["to"] == "registered");
    CHECK(page["next_cursor"].is_null());
    CHECK(items[2]["message"] == "Registered.");

    SECTION("messages in French") {
        auto headers = server.headers();
        headers.erase("Accept-Language");
        headers.emplace("Accept-Language", "fr");
        auto res = server.client().Get(("/api/v1/devices/" + line.mac + "/history").c_str(), headers);
        auto fr = nlohmann::json::parse(res->body);
        CHECK(fr["items"][0]["message"] == "Désenregistré par le téléphone (Expires: 0).");
    }
    SECTION("since and until bound it (Unix seconds or ISO 8601)") {
        CHECK(reasons(history(server, line.mac, "?since=" + std::to_string(t0 + 1))) ==
              std::vector<std::string>{"deregistered", "reregistered"});
        CHECK(reasons(history(server, line.mac, "?until=" + std::to_string(t0 + 20))) ==
              std::vector<std::string>{"reregistered", "registered"});
        CHECK(reasons(history(server, line.mac, "?since=2027-01-15T08:00:00Z")).size() == 3);
        CHECK(server.get("/api/v1/devices/" + line.mac + "/history?since=yesterday")->status == 400);
    }
}

TEST_CASE("history: a lapse and an aging-out are recorded at their exact instant by the sweep", "[history]") {
    SipTestServer server(history_config());
    auto line = server.device_with_lines(1)[0];
    const auto t0 = server.clock.now.load();
    REQUIRE(run_sipp(server, {"register", line, 30}) == 0);

    server.clock.now += 45;  // expired at t0 + 30 without a de-registration
    auto page = history_of_size(server, line.mac, 2);
    REQUIRE(reasons(page) == std::vector<std::string>{"lapsed", "registered"});
    CHECK(page["items"][0]["at"] == t0 + 30);
    CHECK(page["items"][0]["from"] == "registered");
    CHECK(page["items"][0]["to"] == "aged");

    server.clock.now += 200;  // Aged for the aging window (100 s) after t0 + 30
    page = history_of_size(server, line.mac, 3);
    REQUIRE(reasons(page) == std::vector<std::string>{"aged_out", "lapsed", "registered"});
    CHECK(page["items"][0]["at"] == t0 + 130);
    CHECK(page["items"][0]["from"] == "aged");
    CHECK(page["items"][0]["to"] == "unregistered");

    // Recorded once: more sweeps, and a restart (the sweep resumes where it stopped), add nothing.
    std::this_thread::sleep_for(std::chrono::milliseconds(1500));
    server.restart();
    std::this_thread::sleep_for(std::chrono::milliseconds(1500));
    CHECK(history(server, line.mac)["items"].size() == 3);
}

TEST_CASE("history: a REGISTER after an unrecorded lapse records the lapse first, at its instant", "[history]") {
    SipTestServer server(history_config());
    auto line = server.device_with_lines(1)[0];
    const auto t0 = server.clock.now.load();
    REQUIRE(run_sipp(server, {"register", line, 30}) == 0);
    server.clock.now += 45;
    REQUIRE(run_sipp(server, {"register", line, 30}) == 0);  // whoever sees the lapse first records it
    auto page = history_of_size(server, line.mac, 3);
    REQUIRE(reasons(page) == std::vector<std::string>{"registered", "lapsed", "registered"});
    CHECK(page["items"][0]["at"] == t0 + 45);
    CHECK(page["items"][0]["from"] == "aged");
    CHECK(page["items"][1]["at"] == t0 + 30);
}

TEST_CASE("history: probe unanswered; reboot sent, accepted, confirmed; not confirmed", "[history]") {
    SipTestServer server(history_config());
    auto line = server.device_with_lines(1)[0];
    const int port = free_udp_port();
    {
        PeerProcess phone(sipp_argv(server, {"register", line, 600, port, 3000, true}));
        wait_registered(server, line.mac);
        REQUIRE(server.post("/api/v1/devices/" + line.mac + "/reboot")->status == 202);
        CHECK(phone.wait() == 0);
    }
    server.clock.now += 10;
    REQUIRE(run_sipp(server, {"register", line, 600, port}) == 0);  // the rebooted phone registers again
    const auto confirmed_at = server.clock.now.load();
    // The phone is gone: the probe goes unanswered.
    server.clock.now += 10;
    REQUIRE(server.post("/api/v1/devices/" + line.mac + "/probe")->status == 200);
    auto page = history(server, line.mac);
    CHECK(reasons(page) ==
          std::vector<std::string>{"probe_unanswered", "reboot_confirmed", "reboot_accepted", "reboot_sent", "registered"});
    CHECK(page["items"][0]["from"] == "registered");
    CHECK(page["items"][0]["to"] == "aged");
    CHECK(page["items"][0]["port"] == 1);
    CHECK(page["items"][1]["port"].is_null());  // a device's own event
    CHECK(page["items"][1]["at"] == confirmed_at);

    SECTION("a reboot with no REGISTER after it is not confirmed, at the window's end") {
        PeerProcess phone(sipp_argv(server, {"register", line, 600, port, 2000, true}));
        wait_registered(server, line.mac);
        REQUIRE(server.post("/api/v1/devices/" + line.mac + "/reboot")->status == 202);
        CHECK(phone.wait() == 0);
        const auto accepted_at = server.clock.now.load();
        server.clock.now += 121;  // --reboot-confirm-window-s 120
        page = history_of_size(server, line.mac, 9);
        CHECK(reasons(page) == std::vector<std::string>{"reboot_not_confirmed", "reboot_accepted", "reboot_sent",
                                                        "registered", "probe_unanswered", "reboot_confirmed",
                                                        "reboot_accepted", "reboot_sent", "registered"});
        REQUIRE(reasons(page).at(0) == "reboot_not_confirmed");
        CHECK(page["items"][0]["at"] == accepted_at + 120);
    }
}

TEST_CASE("history: flapping in the device list and Line States, then not once the window passed", "[history]") {
    auto config = history_config();
    config.flap_changes = 2;
    config.flap_window_min = 10;
    SipTestServer server(config);
    auto line = server.device_with_lines(1)[0];
    auto other = server.device_with_lines(1)[0];
    const int port = free_udp_port();
    const auto customers = nlohmann::json::parse(server.get("/api/v1/customers")->body)["items"];
    const auto cid = std::to_string(customers[0]["id"].get<std::int64_t>());
    auto flapping = [&](const std::string& mac) {
        auto list = nlohmann::json::parse(server.get("/api/v1/customers/" + cid + "/devices?q=" + mac)->body);
        auto states = nlohmann::json::parse(server.get("/api/v1/customers/" + cid + "/line-states?q=" + mac)->body);
        REQUIRE(list["items"].size() == 1);
        REQUIRE(states["items"].size() == 1);
        CHECK(list["items"][0]["flapping"] == states["items"][0]["flapping"]);
        return list["items"][0]["flapping"].get<bool>();
    };
    REQUIRE(run_sipp(server, {"register", line, 3600, port}) == 0);
    REQUIRE(run_sipp(server, {"register", other, 3600}) == 0);
    CHECK_FALSE(flapping(line.mac));
    server.clock.now += 60;
    REQUIRE(run_sipp(server, {"unregister", line, 0, port}) == 0);
    CHECK_FALSE(flapping(line.mac));  // 2 changes: not more than 2
    server.clock.now += 60;
    REQUIRE(run_sipp(server, {"register", line, 3600, port}) == 0);
    CHECK(flapping(line.mac));  // 3 changes in 2 minutes
    CHECK_FALSE(flapping(other.mac));
    server.clock.now += 8 * 60 - 1;  // the first of the three is still within 10 minutes
    CHECK(flapping(line.mac));
    server.clock.now += 1;
    CHECK_FALSE(flapping(line.mac));
}

TEST_CASE("history: pages newest first by cursor; tenancy of the device history", "[history]") {
    SipTestServer server(history_config());
    auto line = server.device_with_lines(1)[0];
    const int port = free_udp_port();
    for (int i = 0; i < 4; ++i) {
        REQUIRE(run_sipp(server, {"register", line, 600, port}) == 0);
        server.clock.now += 1;
        REQUIRE(run_sipp(server, {"unregister", line, 0, port}) == 0);  // same second as the next: ordered by id
    }
    const auto all = history(server, line.mac)["items"];
    REQUIRE(all.size() == 8);
    std::vector<nlohmann::json> paged;
    std::string cursor;
    int pages = 0;
    do {
        auto page = history(server, line.mac, "?per_page=3" + (cursor.empty() ? "" : "&cursor=" + cursor));
        for (const auto& e : page["items"]) paged.push_back(e);
        cursor = page["next_cursor"].is_null() ? "" : page["next_cursor"].get<std::string>();
        ++pages;
    } while (!cursor.empty() && pages < 10);
    CHECK(pages == 3);
    REQUIRE(paged.size() == all.size());
    for (std::size_t i = 0; i < paged.size(); ++i) CHECK(paged[i] == all[i]);
    for (std::size_t i = 1; i < paged.size(); ++i) CHECK(paged[i - 1]["at"].get<std::int64_t>() >= paged[i]["at"].get<std::int64_t>());

    // A cursor is bound to its device; another customer's device is not found, as a missing one.
    auto other_line = server.device_with_lines(1)[0];
    auto first = history(server, line.mac, "?per_page=3");
    CHECK(server.get("/api/v1/devices/" + other_line.mac + "/history?cursor=" + first["next_cursor"].get<std::string>())
              ->status == 400);
    const auto other = server.login("other-admin", "other-demo");
    auto foreign = server.client().Get(("/api/v1/devices/" + line.mac + "/history").c_str(), server.headers(other));
    auto missing = server.client().Get("/api/v1/devices/00AA6E33D748/history", server.headers(other));
    CHECK(foreign->status == 404);
    CHECK(missing->status == 404);
    CHECK(nlohmann::json::parse(foreign->body)["code"] == "device_not_found");
    CHECK(nlohmann::json::parse(missing->body)["code"] == "device_not_found");
}

TEST_CASE("history CSV: header, rows, tenancy, cache and limits of SPEC 6", "[history]") {
    SipTestServer server(history_config());  // exports of one session 5 s apart
    auto line = server.device_with_lines(1)[0];
    const auto t0 = server.clock.now.load();
    REQUIRE(run_sipp(server, {"register", line, 600}) == 0);
    const auto customers = nlohmann::json::parse(server.get("/api/v1/customers")->body)["items"];
    const auto cid = std::to_string(customers[0]["id"].get<std::int64_t>());
    const std::string path = "/api/v1/customers/" + cid + "/history/export.csv";

    auto res = server.get(path);
    REQUIRE(res);
    REQUIRE(res->status == 200);
    CHECK(res->get_header_value("X-Export-Cache") == "miss");
    std::istringstream in(res->body);
    std::string header, row;
    std::getline(in, header);
    CHECK(header == "site,mac,device_type,port,at,from,to,reason,message\r");
    bool found = false;
    while (std::getline(in, row))
        if (row.find(line.mac) != std::string::npos) {
            found = true;
            CHECK(row.find(",1," + phonefleet::services::iso8601_utc(t0) + ",unregistered,registered,registered,Registered.") !=
                  std::string::npos);
        }
    CHECK(found);

    // Another user of the same customer within the cache period: the same result, not run again.
    const auto sp = server.login("sp-admin", "sp-demo");
    auto cached = server.client().Get(path.c_str(), server.headers(sp));
    REQUIRE(cached->status == 200);
    CHECK(cached->get_header_value("X-Export-Cache") == "hit");
    CHECK(cached->body == res->body);

    // The same session again within the spacing is delayed; a third meanwhile is refused (429).
    auto delayed = std::async(std::launch::async, [&] { return server.get(path + "?site=all")->status; });
    std::this_thread::sleep_for(std::chrono::milliseconds(300));
    auto refused = server.get(path + "?since=1");
    CHECK(refused->status == 429);
    CHECK_FALSE(refused->get_header_value("Retry-After").empty());
    CHECK(delayed.get() == 200);

    // Tenancy: another customer's admin is told it does not exist.
    const auto other = server.login("other-admin", "other-demo");
    CHECK(server.client().Get(path.c_str(), server.headers(other))->status == 404);
    CHECK(server.client().Get((path + "?site=999999").c_str(), server.headers())->status == 422);
}

TEST_CASE("history: kept for --history-days, then pruned by the sweep", "[history]") {
    auto config = history_config();
    config.history_days = 1;
    SipTestServer server(config);
    auto line = server.device_with_lines(1)[0];
    REQUIRE(run_sipp(server, {"register", line, 30}) == 0);
    CHECK(history(server, line.mac)["items"].size() == 1);
    server.clock.now += 2 * 86400;  // the lapse and aging-out are recorded, then all of it is too old
    const auto token = server.login("client-admin", "client-demo");  // the first session has expired
    nlohmann::json page;
    for (int i = 0; i < 50; ++i) {
        page = history(server, line.mac, "", token);
        if (page["items"].empty()) break;
        std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
    CHECK(page["items"].empty());
    REQUIRE(run_sipp(server, {"register", line, 30}) == 0);
    page = history(server, line.mac, "", token);
    REQUIRE(page["items"].size() == 1);
    CHECK(page["items"][0]["at"] == server.clock.now.load());
}

TEST_CASE("history: pruning deletes in small batches; --history-days 0 records nothing", "[history]") {
    auto config = history_config();
    config.history_days = 0;
    SipTestServer server(config);
    auto line = server.device_with_lines(1)[0];
    REQUIRE(run_sipp(server, {"register", line, 60}) == 0);
    CHECK(history(server, line.mac)["items"].empty());

    auto& store = server.app().store();
    const auto owner = store.device_history_state(line.mac);
    REQUIRE(owner);
    const auto now = server.clock.now.load();
    store.transaction([&] {
        for (int i = 0; i < 2500; ++i) {
            phonefleet::store::HistoryEntry e;
            e.device_mac = line.mac;
            e.port = 1;
            e.customer_id = owner->customer_id;
            e.site_id = owner->site_id;
            e.at = now - 40 * 86400 + i;
            e.reason = "registered";
            store.append_history(e);
        }
    });
    CHECK(store.prune_history(now - 30 * 86400, 1000) == 1000);
    CHECK(store.prune_history(now - 30 * 86400, 1000) == 1000);
    CHECK(store.prune_history(now - 30 * 86400, 1000) == 500);
    CHECK(store.prune_history(now - 30 * 86400, 1000) == 0);
}

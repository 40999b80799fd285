// Line States over HTTP (F11), the provider switch (F12) and kiosk tokens (F14), against the
// real server on a free port with the demo data.
#include <catch2/catch.hpp>

#include <fstream>
#include <regex>

#include "line_state_test_support.hpp"

using namespace phonefleet;
using namespace phonefleet::testing;

namespace {

// Demo lines: Paris 19, Lyon 7 (Café Lumière); the first Paris line is 33140000001.
constexpr int kCafeLines = 26;
constexpr int kParisLines = 19;

std::vector<std::string> csv_lines(const std::string& body) {
    std::vector<std::string> out;
    std::size_t pos = 0;
    while (pos < body.size()) {
        auto end = body.find("\r\n", pos);
        if (end == std::string::npos) break;
        out.push_back(body.substr(pos, end - pos));
        pos = end + 2;
    }
    return out;
}

}  // namespace

TEST_CASE("line states: every line port of one site or of all, filtered and counted", "[line-states][api]") {
    TempDir dir;
    TestServer server(dir.path() / "db.sqlite");
    const auto cafe = server.customer_id("Café Lumière");
    const auto paris = server.site_id(cafe, "Paris");
    register_line(server, "33140000001", 3600);
    const auto admin = server.login("client-admin", "client-demo");

    auto all = json_of(server.get(cid_path(cafe, "/line-states?site=all&per_page=500"), admin));
    CHECK(all["total"] == kCafeLines);
    CHECK(all["items"].size() == kCafeLines);
    CHECK(all["counts"]["registered"] == 1);
    CHECK(all["counts"]["aged"] == 0);
    CHECK(all["counts"]["unregistered"] == kCafeLines - 1);
    CHECK(all["export_enabled"] == true);
    REQUIRE(all["by_site"].size() == 2);
    for (const auto& s : all["by_site"]) {
        if (s["site"] == "Paris") CHECK(s["registered"].get<int>() + s["unregistered"].get<int>() == kParisLines);
    }
    const auto& first = all["items"][0];
    CHECK(first["mac"] == "001E4A0A0001");
    CHECK(first["port"] == 1);
    CHECK(first["phone_number"] == "33140000001");
    CHECK(first["state"] == "registered");
    CHECK(first["remote_ip"] == "198.51.100.7:5062");
    CHECK(first["host_ip"] == "192.0.2.10");
    CHECK(first["user_agent"] == "Cisco-CP6821/11.3");
    CHECK(first["registered_at"].is_number());
    for (const char* key : {"site", "mac", "device_type", "port", "phone_number", "extension", "state", "remote_ip",
                            "host_ip", "registered_to", "user_agent", "registered_at", "expires_at"})
        CHECK(first.contains(key));

    auto registered = json_of(server.get(cid_path(cafe, "/line-states?state=registered"), admin));
    CHECK(registered["total"] == 1);
    CHECK(registered["counts"]["unregistered"] == kCafeLines - 1);  // counts ignore the state filter

    auto paris_only = json_of(server.get(cid_path(cafe, "/line-states?site=" + std::to_string(paris)), admin));
    CHECK(paris_only["total"] == kParisLines);
    CHECK(paris_only["by_site"].size() == 1);

    auto by_text = json_of(server.get(cid_path(cafe, "/line-states?q=00:1e:4a:0a:00:04"), admin));
    CHECK(by_text["total"] == 3);
    auto by_type = json_of(server.get(cid_path(cafe, "/line-states?type=cisco%208851"), admin));
    CHECK(by_type["total"] == 3);
    auto paged = json_of(server.get(cid_path(cafe, "/line-states?page=2&per_page=10"), admin));
    CHECK(paged["items"].size() == 10);
    CHECK(paged["total"] == kCafeLines);

    CHECK(server.get(cid_path(cafe, "/line-states?state=bogus"), admin)->status == 400);
    CHECK(server.get(cid_path(cafe, "/line-states?site=x"), admin)->status == 400);
    // Another customer's admin: not found, exactly as a missing customer.
    const auto other = server.login("other-admin", "other-demo");
    CHECK(server.get(cid_path(cafe, "/line-states"), other)->status == 404);
    CHECK(server.get(cid_path(999999, "/line-states"), other)->status == 404);
    CHECK(server.get(cid_path(cafe, "/line-states"), "")->status == 401);
}

TEST_CASE("line-state export: the CSV of SPEC 5, whole, streamed with its length", "[line-states][export]") {
    TempDir dir;
    TestServer server(dir.path() / "db.sqlite");
    const auto cafe = server.customer_id("Café Lumière");
    register_line(server, "33140000001", 3600, "=cmd|' /C calc'!A0");  // a formula: guarded
    const auto admin = server.login("client-admin", "client-demo");

    auto res = server.get(cid_path(cafe, "/line-states/export.csv?site=all"), admin);
    REQUIRE(res);
    REQUIRE(res->status == 200);
    CHECK(res->get_header_value("Content-Type").rfind("text/csv", 0) == 0);
    CHECK(res->get_header_value("X-Export-Cache") == "miss");
    CHECK(res->get_header_value("Content-Length") == std::to_string(res->body.size()));
    CHECK(res->get_header_value("Content-Disposition").find("attachment") != std::string::npos);
    auto lines = csv_lines(res->body);
    REQUIRE(lines.size() == kCafeLines + 1);
    CHECK(lines[0] ==
          "site,mac,device_type,port,phone_number,extension,state,remote_ip,host_ip,registered_to,user_agent,"
          "registered_at,expires_at");
    CHECK(std::regex_match(lines[1], std::regex(R"(Paris,001E4A0A0001,Cisco 6821,1,33140000001,101,registered,)"
                                                R"(198\.51\.100\.7:5062,192\.0\.2\.10,127\.0\.0\.1:5060,)"
                                                R"('=cmd\|' /C calc'!A0,\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ,\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ)")));
    CHECK(lines[2] == "Paris,001E4A0A0002,Cisco 6841,1,33140000002,102,unregistered,,,,,,");

    auto filtered = server.get(cid_path(cafe, "/line-states/export.csv?state=registered"),
                               make_user_session(server, "second", cafe));
    REQUIRE(filtered->status == 200);
    CHECK(csv_lines(filtered->body).size() == 2);
    // Only the temporary files of exports still cached remain beside the database.
    CHECK(server.get(cid_path(cafe, "/line-states/export.csv"), server.login("other-admin", "other-demo"))->status ==
          404);
}

TEST_CASE("provider switch (F12): operator only, audited; off means 403 on export, JSON still served",
          "[line-states][provider]") {
    TempDir dir;
    TestServer server(dir.path() / "db.sqlite");
    const auto cafe = server.customer_id("Café Lumière");
    const auto op = server.login("operator", "operator-demo");
    const auto sp = server.login("sp-admin", "sp-demo");
    const auto admin = server.login("client-admin", "client-demo");
    const auto pid = json_of(server.get("/api/v1/customers", op))["items"][0]["provider_id"].get<std::int64_t>();
    const auto other_pid = server.app().store().insert_provider("Other Telecom");
    const std::string path = "/api/v1/providers/" + std::to_string(pid);

    auto p = json_of(server.get(path, op));
    CHECK(p["name"] == "Acme Telecom");
    CHECK(p["line_state_export"] == true);  // the demo has it on
    CHECK(json_of(server.get("/api/v1/providers", op))["items"].size() == 2);
    CHECK(json_of(server.get("/api/v1/providers", sp))["items"].size() == 1);
    CHECK(server.get(path, sp)->status == 200);
    CHECK(server.get("/api/v1/providers/" + std::to_string(other_pid), sp)->status == 404);
    CHECK(server.get(path, admin)->status == 404);

    auto patch = [&](const std::string& token, const std::string& p, const nlohmann::json& body) {
        return server.client().Patch(p.c_str(), TestServer::headers(token, "fr"), body.dump(), "application/json");
    };
    CHECK(patch(sp, path, {{"line_state_export", false}})->status == 403);
    CHECK(patch(admin, path, {{"line_state_export", false}})->status == 404);
    CHECK(patch(op, path, {{"line_state_export", "no"}})->status == 400);
    CHECK(patch(op, "/api/v1/providers/999999", {{"line_state_export", false}})->status == 404);
    auto off = patch(op, path, {{"line_state_export", false}});
    REQUIRE(off->status == 200);
    CHECK(json_of(off)["line_state_export"] == false);

    auto refused = server.get(cid_path(cafe, "/line-states/export.csv"), admin, "fr");
    REQUIRE(refused->status == 403);
    CHECK(refused->get_header_value("Content-Type") == "application/problem+json");
    CHECK(json_of(refused)["code"] == "line_state_export_disabled");
    CHECK(json_of(refused)["detail"].get<std::string>().find("n'est pas activée") != std::string::npos);
    auto page = server.get(cid_path(cafe, "/line-states"), admin);
    CHECK(page->status == 200);
    CHECK(json_of(page)["export_enabled"] == false);

    REQUIRE(patch(op, path, {{"line_state_export", true}})->status == 200);
    CHECK(server.get(cid_path(cafe, "/line-states/export.csv"), admin)->status == 200);

    auto audit = json_of(server.get("/api/v1/audit", op))["items"];
    int updates = 0, forbidden = 0;
    for (const auto& e : audit) {
        if (e["action"] != "provider.update") continue;
        ++updates;
        if (e["outcome"] == "forbidden") ++forbidden;
    }
    CHECK(updates == 3);
    CHECK(forbidden == 1);
}

TEST_CASE("kiosk token (F14): its customer's line states and /me, refused everywhere else", "[line-states][kiosk]") {
    TempDir dir;
    TempDir web;
    std::ofstream(web.path() / "index.html") << "<!doctype html><title>PhoneFleet</title>";
    auto config = TestServer::default_config();
    config.static_dirs = {web.path().string()};
    TestServer server(dir.path() / "db.sqlite", config);
    const auto cafe = server.customer_id("Café Lumière");
    const auto dupont = server.customer_id("Boulangerie Dupont");
    const auto admin = server.login("client-admin", "client-demo");

    CHECK(server.post(cid_path(cafe, "/kiosk-tokens"), server.login("other-admin", "other-demo"),
                      {{"name", "x"}})->status == 404);
    CHECK(server.post(cid_path(cafe, "/kiosk-tokens"), admin, {{"name", ""}})->status == 400);
    auto created = server.post(cid_path(cafe, "/kiosk-tokens"), admin, {{"name", "Wall, 2nd floor"}});
    REQUIRE(created->status == 201);
    const auto kiosk = json_of(created)["token"].get<std::string>();
    const auto kiosk_id = json_of(created)["id"].get<std::int64_t>();
    CHECK(json_of(created)["kiosk_url"] == "/kiosk#token=" + kiosk);
    auto listed = json_of(server.get(cid_path(cafe, "/kiosk-tokens"), admin))["items"];
    REQUIRE(listed.size() == 1);
    CHECK_FALSE(listed[0].contains("token"));

    // What it may do.
    CHECK(server.get(cid_path(cafe, "/line-states"), kiosk)->status == 200);
    auto me = json_of(server.get("/api/v1/me", kiosk));
    CHECK(me["role"] == "kiosk");
    CHECK(me["customer_id"] == cafe);
    CHECK(server.get(cid_path(dupont, "/line-states"), kiosk)->status == 404);

    // Every other route the server registers, with plausible arguments: 403 (or 404).
    // (/metrics is scraped by address, not by session: open on loopback, where this test runs)
    const std::set<std::string> open = {"POST /api/v1/auth/login", "GET /api/openapi.json", "GET /healthz",
                                        "GET /metrics"};
    const std::set<std::string> allowed = {R"(GET /api/v1/customers/(\d+)/line-states)", "GET /api/v1/me"};
    int tried = 0;
    for (const auto& r : server.app().http().routes()) {
        const std::string name = r.method + " " + r.pattern;
        if (open.count(name) || allowed.count(name)) continue;
        std::string path = std::regex_replace(r.pattern, std::regex(R"(\(\\d\+\)|\(\\d\{1,4\}\))"), "1");
        path = std::regex_replace(path, std::regex(R"(\(\[0-9A-Fa-f[^)]*\))"), "001E4A0A0001");
        path = std::regex_replace(path, std::regex(R"(/customers/1)"), "/customers/" + std::to_string(cafe));
        path = std::regex_replace(path, std::regex(R"(\\\.)"), ".");
        INFO(name << " -> " << path);
        auto headers = TestServer::headers(kiosk, "en");
        httplib::Result res = r.method == "GET"      ? server.client().Get(path.c_str(), headers)
                              : r.method == "POST"   ? server.client().Post(path.c_str(), headers, "{}", "application/json")
                              : r.method == "PUT"    ? server.client().Put(path.c_str(), headers, "{}", "application/json")
                              : r.method == "PATCH"  ? server.client().Patch(path.c_str(), headers, "{}", "application/json")
                                                     : server.client().Delete(path.c_str(), headers);
        REQUIRE(res);
        CHECK((res->status == 403 || res->status == 404));
        ++tried;
    }
    CHECK(tried >= 15);

    // The page of the wall display.
    auto page = server.client().Get("/kiosk");
    CHECK(page->status == 200);
    CHECK(page->get_header_value("Content-Type").rfind("text/html", 0) == 0);

    // Revoked: the token is nobody any more.
    CHECK(server.del(cid_path(cafe, "/kiosk-tokens/" + std::to_string(kiosk_id)), admin)->status == 204);
    CHECK(server.get(cid_path(cafe, "/line-states"), kiosk)->status == 401);
    CHECK(server.del(cid_path(cafe, "/kiosk-tokens/" + std::to_string(kiosk_id)), admin)->status == 404);
}

TEST_CASE("line states by cursor (SPEC 4): next_cursor to the end; another customer's cursor reveals nothing",
          "[line-states][api][cursor]") {
    TempDir dir;
    TestServer server(dir.path() / "db.sqlite");
    const auto cafe = server.customer_id("Café Lumière");
    const auto admin = server.login("client-admin", "client-demo");

    auto whole = json_of(server.get(cid_path(cafe, "/line-states?per_page=500"), admin));
    CHECK(whole["next_cursor"].is_null());
    std::vector<std::string> seen;
    std::string cursor;
    for (int guard = 0; guard < 20; ++guard) {
        auto page = json_of(server.get(cid_path(cafe, "/line-states?per_page=4" + (cursor.empty() ? "" : "&cursor=" + cursor)), admin));
        CHECK(page["total"] == kCafeLines);
        for (const auto& item : page["items"]) seen.push_back(item["mac"].get<std::string>() + "/" + item["port"].dump());
        if (page["next_cursor"].is_null()) break;
        cursor = page["next_cursor"].get<std::string>();
    }
    std::vector<std::string> expected;
    for (const auto& item : whole["items"]) expected.push_back(item["mac"].get<std::string>() + "/" + item["port"].dump());
    CHECK(seen == expected);

    auto first = json_of(server.get(cid_path(cafe, "/line-states?per_page=4"), admin));
    const auto cafe_cursor = first["next_cursor"].get<std::string>();
    // The other customer's admin, with Café Lumière's cursor on its own list: refused as damaged.
    const auto other = server.login("other-admin", "other-demo");
    auto other_customer = json_of(server.get("/api/v1/customers", other))["items"][0]["id"].get<std::int64_t>();
    auto refused = server.get(cid_path(other_customer, "/line-states?cursor=" + cafe_cursor), other);
    CHECK(refused->status == 400);
    CHECK(refused->body.find("001E4A") == std::string::npos);
    CHECK(server.get(cid_path(cafe, "/line-states?cursor=" + cafe_cursor), other)->status == 404);
    CHECK(server.get(cid_path(cafe, "/line-states?cursor=%25%25"), admin)->status == 400);
    CHECK(server.get(cid_path(cafe, "/line-states?cursor=bDEuMS5YWVouMQ"), admin)->status == 400);
}

// F15, F16, SPEC 8: every endpoint against another customer's data, CSRF, API tokens, audit.
#include <catch2/catch.hpp>

#include "test_server.hpp"

using namespace phonefleet::testing;
using nlohmann::json;

TEST_CASE("every endpoint answers another customer's resources exactly as missing ones: 404", "[tenancy]") {
    TempDir dir;
    TestServer server(dir.path() / "db.sqlite");
    const auto dupont_id = server.customer_id("Boulangerie Dupont");
    const auto nantes_id = server.site_id(dupont_id, "Nantes");
    const auto client = server.login("client-admin", "client-demo");

    // {C} customer, {S} site, {M} device: filled once with Dupont's (foreign) and once with
    // ids that exist nowhere; both answers must be the same, but for the echoed MAC.
    struct Ids {
        std::string c, s, m;
    };
    const Ids foreign{std::to_string(dupont_id), std::to_string(nantes_id), "001E4A0A0201"};
    const Ids missing{"999999", "999999", "001E4A0DEAD0"};
    struct Call {
        std::string method, path;
        json body;
    };
    const std::vector<Call> calls = {
        {"GET", "/api/v1/customers/{C}/devices", {}},
        {"POST", "/api/v1/customers/{C}/devices", {{"site_id", nantes_id}, {"device_type", "Cisco 6821"}, {"mac", "001E4A777777"}}},
        {"GET", "/api/v1/customers/{C}/sites", {}},
        {"GET", "/api/v1/customers/{C}/sites/{S}/device-types", {}},
        {"GET", "/api/v1/devices/{M}", {}},
        {"GET", "/api/v1/devices/{M}/status", {}},
        {"DELETE", "/api/v1/devices/{M}", {}},
        {"PUT", "/api/v1/devices/{M}/ports/2", {{"phone_number", "33149990000"}, {"extension", "55"}}},
        {"DELETE", "/api/v1/devices/{M}/ports/1", {}},
        {"GET", "/api/v1/audit?customer={C}", {}},
        {"GET", "/api/v1/customers/{C}/devices/import-template.csv", {}},
        {"POST", "/api/v1/customers/{C}/devices/import?dry_run=1", {}},
        {"GET", "/api/v1/customers/{C}/devices/export.csv", {}},
    };
    auto fill = [](std::string path, const Ids& ids) {
        for (auto [key, value] : {std::pair{"{C}", ids.c}, {"{S}", ids.s}, {"{M}", ids.m}})
            if (auto pos = path.find(key); pos != std::string::npos) path.replace(pos, 3, value);
        return path;
    };
    auto call = [&](const Call& c, const Ids& ids) {
        const auto path = fill(c.path, ids);
        // (the import takes the CSV file itself as its body: a JSON one is refused before any lookup)
        const bool csv = path.find("/devices/import?") != std::string::npos;
        httplib::Result res = csv ? server.client().Post(path.c_str(), TestServer::headers(client, "en"),
                                                         "mac,device_type,site\r\n", "text/csv")
                              : c.method == "GET"  ? server.get(path, client)
                              : c.method == "POST" ? server.post(path, client, c.body)
                              : c.method == "PUT"  ? server.put(path, client, c.body)
                                                   : server.del(path, client);
        REQUIRE(res);
        std::string body = res->body;
        if (auto pos = body.find(ids.m); pos != std::string::npos) body.replace(pos, ids.m.size(), "<mac>");
        return std::pair{res->status, body};
    };
    for (const auto& c : calls) {
        INFO(c.method << " " << c.path);
        auto [status, body] = call(c, foreign);
        CHECK(status == 404);
        CHECK(body == call(c, missing).second);
        CHECK(body.find("Nantes") == std::string::npos);
        CHECK(body.find("Dupont") == std::string::npos);
    }
    // And nothing changed for the owner.
    const auto other = server.login("other-admin", "other-demo");
    CHECK(json_of(server.get("/api/v1/devices/" + foreign.m, other))["lines"].size() == 1);
    CHECK(json_of(server.get("/api/v1/customers/" + foreign.c + "/devices", other))["total"] == 3);
}

TEST_CASE("cookie sessions need the page's request header to change anything (CSRF)", "[auth][csrf]") {
    TempDir dir;
    TestServer server(dir.path() / "db.sqlite");
    const auto token = server.login("client-admin", "client-demo");
    const auto cafe = server.customer_id("Café Lumière");
    const auto paris = server.site_id(cafe, "Paris");
    const std::string path = "/api/v1/customers/" + std::to_string(cafe) + "/devices";
    const std::string body = json{{"site_id", paris}, {"device_type", "Cisco 6821"}, {"mac", "001E4A555555"}}.dump();

    auto forged = server.client().Post(path.c_str(), {{"Cookie", "pf_session=" + token}}, body, "application/json");
    CHECK(forged->status == 403);
    CHECK(json_of(forged)["code"] == "csrf_failed");
    // Reads by cookie are fine; the page's own requests carry the header.
    CHECK(server.client().Get(path.c_str(), {{"Cookie", "pf_session=" + token}})->status == 200);
    auto from_page = server.client().Post(path.c_str(), {{"Cookie", "pf_session=" + token}, {"X-PhoneFleet-Request", "1"}},
                                          body, "application/json");
    CHECK(from_page->status == 201);
}

TEST_CASE("API tokens: read tokens read, write tokens write, revoked tokens stop", "[auth][tokens]") {
    TempDir dir;
    TestServer server(dir.path() / "db.sqlite");
    const auto session = server.login("client-admin", "client-demo");
    const auto cafe = server.customer_id("Café Lumière");
    const auto paris = server.site_id(cafe, "Paris");
    const std::string devices = "/api/v1/customers/" + std::to_string(cafe) + "/devices";

    auto read = server.post("/api/v1/tokens", session, {{"name", "monitoring"}, {"scope", "read"}});
    REQUIRE(read->status == 201);
    auto write = server.post("/api/v1/tokens", session, {{"name", "provisioning"}, {"scope", "write"}});
    REQUIRE(write->status == 201);
    const auto read_token = json_of(read)["token"].get<std::string>();
    const auto write_token = json_of(write)["token"].get<std::string>();
    CHECK(server.post("/api/v1/tokens", session, {{"name", "x"}, {"scope", "admin"}})->status == 400);

    CHECK(server.get(devices, read_token)->status == 200);
    auto refused = server.post(devices, read_token, {{"site_id", paris}, {"device_type", "Cisco 6821"}, {"mac", "001E4A666666"}});
    CHECK(refused->status == 403);
    CHECK(json_of(refused)["code"] == "forbidden");
    CHECK(server.post(devices, write_token, {{"site_id", paris}, {"device_type", "Cisco 6821"}, {"mac", "001E4A666666"}})
              ->status == 201);
    // Scoped like its creator: another customer stays invisible.
    CHECK(server.get("/api/v1/customers/" + std::to_string(server.customer_id("Boulangerie Dupont")) + "/devices",
                     write_token)->status == 404);

    auto list = json_of(server.get("/api/v1/tokens", session))["items"];
    REQUIRE(list.size() == 2);
    CHECK(list.dump().find(read_token) == std::string::npos);
    const auto read_id = json_of(read)["id"].get<std::int64_t>();
    // Another user cannot revoke it.
    CHECK(server.del("/api/v1/tokens/" + std::to_string(read_id), server.login("other-admin", "other-demo"))->status == 404);
    CHECK(server.del("/api/v1/tokens/" + std::to_string(read_id), session)->status == 204);
    CHECK(server.get(devices, read_token)->status == 401);
}

TEST_CASE("every mutation is audited with who, what, when and the outcome, scoped by tenancy", "[audit]") {
    TempDir dir;
    TestServer server(dir.path() / "db.sqlite");
    const auto client = server.login("client-admin", "client-demo");
    const auto cafe = server.customer_id("Café Lumière");
    const auto paris = server.site_id(cafe, "Paris");
    const std::string devices = "/api/v1/customers/" + std::to_string(cafe) + "/devices";

    server.post(devices, client, {{"site_id", paris}, {"device_type", "Cisco 6821"}, {"mac", "001E4A111111"}});
    server.post(devices, client, {{"site_id", paris}, {"device_type", "Cisco 6821"}, {"mac", "001E4A111111"}});
    server.put("/api/v1/devices/001E4A111111/ports/1", client, {{"phone_number", "33140001111"}, {"extension", "11"}});
    server.del("/api/v1/devices/001E4A111111/ports/1", client);
    server.del("/api/v1/devices/001E4A111111", client);
    server.del("/api/v1/devices/001E4A0A0201", client);  // Dupont's: refused

    auto events = json_of(server.get("/api/v1/audit", client))["items"];
    std::vector<std::string> seen;
    for (const auto& e : events) {
        seen.push_back(e["action"].get<std::string>() + " " + e["target"].get<std::string>() + " " +
                       e["outcome"].get<std::string>());
        CHECK(e["actor"] == "client-admin");
        CHECK(e["at"].get<std::int64_t>() > 0);
    }
    std::vector<std::string> expected = {
        "device.remove 001E4A0A0201 device_not_found",
        "device.remove 001E4A111111 ok",
        "line.unassign 001E4A111111/1 ok",
        "line.assign 001E4A111111/1 ok",
        "device.add 001E4A111111 mac_exists",
        "device.add 001E4A111111 ok",
    };
    CHECK(seen == expected);

    // Dupont's admin sees none of Café Lumière's trail; the provider admin sees it.
    CHECK(json_of(server.get("/api/v1/audit", server.login("other-admin", "other-demo")))["items"].empty());
    CHECK(json_of(server.get("/api/v1/audit", server.login("sp-admin", "sp-demo")))["items"].size() == expected.size());
    CHECK(server.get("/api/v1/audit?limit=0", client)->status == 400);
}

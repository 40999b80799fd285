#include <catch2/catch.hpp>

#include <regex>
#include <set>

#include "test_server.hpp"

using namespace phonefleet::testing;

namespace {

std::int64_t customer_id(const TestServer& server, const std::string& name) {
    auto customers = json_of(server.get("/api/v1/customers", server.login("operator", "operator-demo")));
    for (const auto& c : customers["items"])
        if (c["name"] == name) return c["id"].get<std::int64_t>();
    return -1;
}

std::set<std::string> names(const nlohmann::json& items) {
    std::set<std::string> out;
    for (const auto& i : items) out.insert(i["name"].get<std::string>());
    return out;
}

}  // namespace

TEST_CASE("each role sees exactly the customers of its tenancy", "[tenancy]") {
    TempDir dir;
    TestServer server(dir.path() / "db.sqlite");
    using S = std::set<std::string>;
    CHECK(names(json_of(server.get("/api/v1/customers", server.login("operator", "operator-demo")))["items"]) ==
          S{"Café Lumière", "Boulangerie Dupont"});
    CHECK(names(json_of(server.get("/api/v1/customers", server.login("sp-admin", "sp-demo")))["items"]) ==
          S{"Café Lumière", "Boulangerie Dupont"});
    CHECK(names(json_of(server.get("/api/v1/customers", server.login("client-admin", "client-demo")))["items"]) ==
          S{"Café Lumière"});
    CHECK(names(json_of(server.get("/api/v1/customers", server.login("other-admin", "other-demo")))["items"]) ==
          S{"Boulangerie Dupont"});
    CHECK(server.get("/api/v1/customers", "")->status == 401);
}

TEST_CASE("a customer admin lists its devices and never another customer's", "[tenancy][devices]") {
    TempDir dir;
    TestServer server(dir.path() / "db.sqlite");
    auto cafe = customer_id(server, "Café Lumière");
    auto dupont = customer_id(server, "Boulangerie Dupont");
    auto client = server.login("client-admin", "client-demo");
    auto other = server.login("other-admin", "other-demo");

    auto mine = server.get("/api/v1/customers/" + std::to_string(cafe) + "/devices?per_page=500", client);
    REQUIRE(mine->status == 200);
    auto body = json_of(mine);
    CHECK(body["total"] == 16);
    REQUIRE(body["items"].size() == 16);
    std::regex mac_re("^[0-9A-F]{12}$");
    for (const auto& d : body["items"]) {
        CHECK(std::regex_match(d["mac"].get<std::string>(), mac_re));
        CHECK((d["site"] == "Paris" || d["site"] == "Lyon"));
        CHECK(d["state"] == "unregistered");
        CHECK(d.contains("available_lines"));
    }

    // Another tenant's customer answers exactly as a missing one: 404, no data.
    for (auto [token, cid] : {std::pair{client, dupont}, {other, cafe}}) {
        auto res = server.get("/api/v1/customers/" + std::to_string(cid) + "/devices", token);
        CHECK(res->status == 404);
        CHECK(json_of(res)["code"] == "customer_not_found");
        CHECK(res->body.find("\"mac\"") == std::string::npos);
    }
    auto missing = server.get("/api/v1/customers/999999/devices", client);
    CHECK(missing->status == 404);
    auto other_tenant = server.get("/api/v1/customers/" + std::to_string(dupont) + "/devices", client);
    CHECK(json_of(missing)["detail"] == json_of(other_tenant)["detail"]);

    // The provider admin and the operator see both.
    for (auto token : {server.login("sp-admin", "sp-demo"), server.login("operator", "operator-demo")}) {
        CHECK(json_of(server.get("/api/v1/customers/" + std::to_string(dupont) + "/devices", token))["total"] == 3);
    }
    CHECK(server.get("/api/v1/customers/" + std::to_string(cafe) + "/devices", "")->status == 401);
}

TEST_CASE("device list pagination and filters", "[devices]") {
    TempDir dir;
    TestServer server(dir.path() / "db.sqlite");
    auto cafe = std::to_string(customer_id(server, "Café Lumière"));
    auto token = server.login("client-admin", "client-demo");
    auto base = "/api/v1/customers/" + cafe + "/devices";

    auto p1 = json_of(server.get(base + "?per_page=5&page=1", token));
    auto p4 = json_of(server.get(base + "?per_page=5&page=4", token));
    CHECK(p1["total"] == 16);
    CHECK(p1["items"].size() == 5);
    CHECK(p4["items"].size() == 1);
    CHECK(p1["items"][0]["mac"] < p1["items"][1]["mac"]);

    auto yealink = json_of(server.get(base + "?q=yealink", token));
    CHECK(yealink["total"] == 5);
    auto by_type = json_of(server.get(base + "?type=cisco%206821", token));
    CHECK(by_type["total"] == 1);
    auto by_mac = json_of(server.get(base + "?q=0A0004", token));
    REQUIRE(by_mac["total"] == 1);
    CHECK(by_mac["items"][0]["device_type"] == "Cisco 8851");
    auto lyon_id = std::to_string(by_mac["items"][0]["site_id"].get<int>() + 1);
    auto lyon = json_of(server.get(base + "?site=" + lyon_id, token));
    CHECK(lyon["total"] == 5);
    CHECK(json_of(server.get(base + "?site=all", token))["total"] == 16);
    // A LIKE wildcard typed by a person is a literal character.
    CHECK(json_of(server.get(base + "?q=%25", token))["total"] == 0);

    // DECT bases carry their multicell station ID; others never have the key.
    auto dect = json_of(server.get(base + "?q=W70B", token))["items"][0];
    CHECK(dect["multicell_station_id"] == "1");
    CHECK_FALSE(p1["items"][0].contains("multicell_station_id"));

    for (auto bad : {"?page=0", "?per_page=0", "?per_page=501", "?page=abc", "?site=x"}) {
        auto res = server.get(base + bad, token, "fr");
        INFO(bad);
        CHECK(res->status == 400);
        CHECK(json_of(res)["code"] == "bad_request");
        CHECK(json_of(res)["detail"].get<std::string>().find("La requête est mal formée") == 0);
    }
}

TEST_CASE("a restart reuses the database and never duplicates the demo", "[store]") {
    TempDir dir;
    for (int run = 0; run < 2; ++run) {
        TestServer server(dir.path() / "db.sqlite");
        auto token = server.login("operator", "operator-demo");
        auto customers = json_of(server.get("/api/v1/customers", token))["items"];
        CHECK(customers.size() == 2);
        auto cafe = customer_id(server, "Café Lumière");
        CHECK(json_of(server.get("/api/v1/customers/" + std::to_string(cafe) + "/devices", token))["total"] == 16);
    }
}

TEST_CASE("unknown API paths answer problem+json, the server keeps serving", "[http]") {
    TempDir dir;
    TestServer server(dir.path() / "db.sqlite");
    auto res = server.get("/api/v1/nothing-here", "");
    REQUIRE(res);
    CHECK(res->status == 404);
    CHECK(res->get_header_value("Content-Type") == "application/problem+json");
    CHECK(server.client().Get("/healthz")->body == "ok\n");
}

// Issue 17: an import (dry run or not) never says that a MAC exists at another customer, and
// its report is bounded. Real server, real SQLite, the demo's two customers.
#include <catch2/catch.hpp>

#include "test_server.hpp"

using namespace phonefleet::testing;
using nlohmann::json;

namespace {

httplib::Result import_csv(const TestServer& server, std::int64_t customer, const std::string& token,
                           const std::string& csv, bool dry_run, const std::string& lang = "en") {
    const auto path = "/api/v1/customers/" + std::to_string(customer) + "/devices/import" + (dry_run ? "?dry_run=1" : "");
    return server.client().Post(path.c_str(), TestServer::headers(token, lang), csv, "text/csv");
}

}  // namespace

TEST_CASE("another customer's MAC is refused neutrally (mac_unavailable) and audited; one's own stays mac_exists",
          "[security][import]") {
    TempDir dir;
    TestServer server(dir.path() / "db.sqlite");
    const auto cafe = server.customer_id("Café Lumière");
    const auto client = server.login("client-admin", "client-demo");
    const auto own = json_of(server.get("/api/v1/customers/" + std::to_string(cafe) + "/devices", client))["items"][0]["mac"]
                         .get<std::string>();
    const std::string foreign = "001E4A0A0201";  // Boulangerie Dupont's
    REQUIRE(server.get("/api/v1/devices/" + foreign, client)->status == 404);

    const std::string csv = "mac,device_type,site\r\n" + own + ",Cisco 6821,Paris\r\n" + foreign +
                            ",Cisco 6821,Paris\r\n001E4A123456,Cisco 6821,Paris\r\n";
    for (bool dry_run : {true, false}) {
        INFO("dry_run " << dry_run);
        auto res = import_csv(server, cafe, client, csv, dry_run, "fr");
        REQUIRE(res);
        CHECK(res->status == (dry_run ? 200 : 422));
        const auto body = json_of(res);
        REQUIRE(body["errors"].size() == 2);
        CHECK(body["errors"][0]["code"] == "mac_exists");
        CHECK(body["errors"][1]["code"] == "mac_unavailable");
        CHECK(body["errors"][1]["message"] == "L'adresse MAC 001E4A0A0201 ne peut pas être ajoutée.");
        CHECK(res->body.find("Dupont") == std::string::npos);
        CHECK(res->body.find("Nantes") == std::string::npos);
    }
    // Nothing imported, and each answer naming a foreign MAC is in the trail, with the MAC.
    CHECK(server.get("/api/v1/devices/001E4A123456", client)->status == 404);
    const auto audit = json_of(server.get("/api/v1/audit", server.login("operator", "operator-demo")));
    int recorded = 0;
    for (const auto& e : audit["items"])
        if (e["outcome"] == "mac_unavailable") {
            ++recorded;
            CHECK(e["detail"] == foreign);
            CHECK(e["actor"] == "client-admin");
        }
    CHECK(recorded == 2);
}

TEST_CASE("adding one device with another customer's MAC: 409 mac_unavailable, audited", "[security][import]") {
    TempDir dir;
    TestServer server(dir.path() / "db.sqlite");
    const auto cafe = server.customer_id("Café Lumière");
    const auto paris = server.site_id(cafe, "Paris");
    const auto client = server.login("client-admin", "client-demo");
    auto res = server.post("/api/v1/customers/" + std::to_string(cafe) + "/devices", client,
                           {{"site_id", paris}, {"device_type", "Cisco 6821"}, {"mac", "001E4A0A0201"}});
    CHECK(res->status == 409);
    CHECK(json_of(res)["code"] == "mac_unavailable");
    CHECK(json_of(res)["detail"] == "MAC address 001E4A0A0201 cannot be added.");
    const auto audit = json_of(server.get("/api/v1/audit", server.login("operator", "operator-demo")));
    bool recorded = false;
    for (const auto& e : audit["items"]) recorded = recorded || (e["action"] == "device.add" && e["outcome"] == "mac_unavailable");
    CHECK(recorded);
}

TEST_CASE("an import report names its first 1,000 errors and says it was cut", "[import][limits]") {
    TempDir dir;
    TestServer server(dir.path() / "db.sqlite");
    const auto cafe = server.customer_id("Café Lumière");
    const auto client = server.login("client-admin", "client-demo");
    std::string csv = "mac,device_type,site\r\n";
    for (int i = 0; i < 3000; ++i) csv += "not-a-mac,No Such Type,Nowhere\r\n";  // 3 errors a row
    auto res = import_csv(server, cafe, client, csv, true);
    REQUIRE(res->status == 200);
    const auto body = json_of(res);
    CHECK(body["errors"].size() == 1000);
    CHECK(body["errors_truncated"] == true);
    CHECK(body["errors"][0]["row"] == 2);
    CHECK(res->body.size() < 400'000);
}

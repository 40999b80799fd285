// F2, F5, F6, F10 over HTTP against the real server and SQLite file.
#include <catch2/catch.hpp>

#include "test_server.hpp"

using namespace phonefleet::testing;
using nlohmann::json;

namespace {

struct Demo {
    TempDir dir;
    TestServer server{dir.path() / "db.sqlite"};
    std::int64_t cafe = server.customer_id("Café Lumière");
    std::int64_t dupont = server.customer_id("Boulangerie Dupont");
    std::int64_t paris = server.site_id(cafe, "Paris");
    std::int64_t lyon = server.site_id(cafe, "Lyon");
    std::int64_t nantes = server.site_id(dupont, "Nantes");
    std::string client = server.login("client-admin", "client-demo");
    std::string other = server.login("other-admin", "other-demo");

    std::string devices(std::int64_t cid) const { return "/api/v1/customers/" + std::to_string(cid) + "/devices"; }
    std::int64_t total(std::int64_t cid, const std::string& token) const {
        return json_of(server.get(devices(cid), token))["total"].get<std::int64_t>();
    }
};

std::set<std::string> error_codes(const json& problem) {
    std::set<std::string> out;
    for (const auto& e : problem["errors"]) out.insert(e["field"].get<std::string>() + ":" + e["code"].get<std::string>());
    return out;
}

}  // namespace

TEST_CASE("add a device: site, approved type, MAC in any notation; it appears in the list", "[devices][F5]") {
    Demo d;
    auto before = d.total(d.cafe, d.client);
    auto res = d.server.post(d.devices(d.cafe), d.client,
                             {{"site_id", d.paris}, {"device_type", "cisco 8841"}, {"mac", "00-1e-4a-12-34-56"}});
    REQUIRE(res);
    CHECK(res->status == 201);
    auto body = json_of(res);
    CHECK(body["mac"] == "001E4A123456");
    CHECK(body["device_type"] == "Cisco 8841");
    CHECK(body["site"] == "Paris");
    CHECK(body["available_lines"] == 5);
    CHECK(body["state"] == "unregistered");
    CHECK(res->get_header_value("Location") == "/api/v1/devices/001E4A123456");
    CHECK(d.total(d.cafe, d.client) == before + 1);
    CHECK(json_of(d.server.get(d.devices(d.cafe) + "?q=123456", d.client))["total"] == 1);

    // DECT base with its multicell station ID.
    auto dect = d.server.post(d.devices(d.cafe), d.client,
                              {{"site_id", d.lyon}, {"device_type", "Yealink W70B"}, {"mac", "805e.c012.3456"},
                               {"multicell_station_id", "12"}});
    CHECK(dect->status == 201);
    CHECK(json_of(dect)["multicell_station_id"] == "12");
}

TEST_CASE("an invalid device gets every per-field error, in the caller's language, and nothing is stored",
          "[devices][F5]") {
    Demo d;
    auto before = d.total(d.cafe, d.client);
    using S = std::set<std::string>;
    struct Case {
        json body;
        S expected;
    };
    std::vector<Case> cases = {
        {json::object(), S{"site_id:field_missing", "device_type:field_missing", "mac:field_missing"}},
        {{{"site_id", d.nantes}, {"device_type", "Cisco 6821"}, {"mac", "001E4A999999"}}, S{"site_id:site_unknown"}},
        {{{"site_id", d.lyon}, {"device_type", "Poly VVX 450"}, {"mac", "001E4A999999"}},
         S{"device_type:device_type_not_approved"}},
        {{{"site_id", d.paris}, {"device_type", "Nokia 3310"}, {"mac", "001E4A999999"}},
         S{"device_type:device_type_unknown"}},
        {{{"site_id", d.paris}, {"device_type", "Cisco 6821"}, {"mac", "00:1E:4A:99:99"}}, S{"mac:mac_invalid"}},
        {{{"site_id", d.paris}, {"device_type", "Cisco 6821"}, {"mac", "01:00:5E:00:00:01"}}, S{"mac:mac_not_unicast"}},
        {{{"site_id", d.paris}, {"device_type", "Cisco 6821"}, {"mac", "001E4A999999"}, {"multicell_station_id", "3"}},
         S{"multicell_station_id:multicell_not_dect"}},
    };
    for (const auto& c : cases) {
        INFO(c.body.dump());
        auto res = d.server.post(d.devices(d.cafe), d.client, c.body, "fr");
        REQUIRE(res);
        CHECK(res->status == 422);
        auto problem = json_of(res);
        CHECK(problem["code"] == "validation_failed");
        CHECK(error_codes(problem) == c.expected);
        for (const auto& e : problem["errors"]) CHECK_FALSE(e["message"].get<std::string>().empty());
    }
    auto fr = json_of(d.server.post(d.devices(d.cafe), d.client,
                                    {{"site_id", d.paris}, {"device_type", "Cisco 6821"}, {"mac", "zz"}}, "fr"));
    CHECK(fr["errors"][0]["message"] == "« zz » n'est pas une adresse MAC valide (ex. 00:AA:6E:33:D7:48).");
    CHECK(fr["detail"] == "Certains champs ne sont pas valides ; voir les erreurs.");

    auto wrong_type = d.server.post(d.devices(d.cafe), d.client, {{"site_id", "Paris"}});
    CHECK(wrong_type->status == 400);
    auto not_json = d.server.client().Post(d.devices(d.cafe).c_str(), {{"Authorization", "Bearer " + d.client}}, "mac=1",
                                           "application/x-www-form-urlencoded");
    CHECK(not_json->status == 400);
    CHECK(d.total(d.cafe, d.client) == before);
}

TEST_CASE("a MAC that exists anywhere answers 409 without naming its owner", "[devices][F5][tenancy]") {
    Demo d;
    // 001E4A0A0201 belongs to Boulangerie Dupont.
    auto res = d.server.post(d.devices(d.cafe), d.client,
                             {{"site_id", d.paris}, {"device_type", "Cisco 6821"}, {"mac", "00:1e:4a:0a:02:01"}});
    CHECK(res->status == 409);
    // Not "exists": that it is someone else's stays unsaid (issue 17), as GET answers 404.
    CHECK(json_of(res)["code"] == "mac_unavailable");
    CHECK(res->body.find("Dupont") == std::string::npos);
    CHECK(res->body.find("Nantes") == std::string::npos);
}

TEST_CASE("device details by MAC in any notation; DECT bases alone carry the multicell ID", "[devices][F2]") {
    Demo d;
    for (const char* mac : {"805EC00C0003", "80:5e:c0:0c:00:03", "805e.c00c.0003"}) {
        auto res = d.server.get(std::string("/api/v1/devices/") + mac, d.client);
        REQUIRE(res->status == 200);
        auto j = json_of(res);
        CHECK(j["mac"] == "805EC00C0003");
        CHECK(j["device_type"] == "Yealink W70B");
        CHECK(j["multicell_station_id"] == "1");
        CHECK(j["dect"] == true);
        CHECK(j["lines"].size() == 4);
    }
    auto status = json_of(d.server.get("/api/v1/devices/001E4A0A0004/status", d.client));
    for (const char* key : {"mac", "device_type", "site", "site_id", "state", "available_lines", "remote_ip", "host_ip",
                            "registered_to", "user_agent", "probe", "lines"})
        CHECK(status.contains(key));
    CHECK_FALSE(status.contains("multicell_station_id"));
    CHECK(status["available_lines"] == 2);
    REQUIRE(status["lines"].size() == 3);
    CHECK(status["lines"][0]["port"] == 1);
    CHECK(status["lines"][0]["state"] == "unregistered");
    CHECK(status.dump().find("ha1") == std::string::npos);
    CHECK(d.server.get("/api/v1/devices/001E4A000000", d.client)->status == 404);
    CHECK(d.server.get("/api/v1/devices/not-a-mac", d.client)->status == 404);
}

TEST_CASE("remove a device; another customer's cannot be removed and stays", "[devices][F6][tenancy]") {
    Demo d;
    auto res = d.server.del("/api/v1/devices/00:1E:4A:0A:00:01", d.client);
    CHECK(res->status == 204);
    CHECK(d.server.get("/api/v1/devices/001E4A0A0001", d.client)->status == 404);
    CHECK(d.server.del("/api/v1/devices/001E4A0A0001", d.client)->status == 404);

    auto foreign = d.server.del("/api/v1/devices/001E4A0A0201", d.client);
    CHECK(foreign->status == 404);
    CHECK(json_of(foreign)["code"] == "device_not_found");
    CHECK(d.server.get("/api/v1/devices/001E4A0A0201", d.other)->status == 200);
}

TEST_CASE("assign a line to a port: credentials once, then never again; unassign", "[lines][F10]") {
    Demo d;
    const std::string port = "/api/v1/devices/001E4A0A0005/ports/2";  // Cisco 8861, no lines
    auto res = d.server.put(port, d.client, {{"phone_number", "33140009999"}, {"extension", "4242"},
                                             {"display_name", "Accueil Café"}});
    REQUIRE(res->status == 201);
    auto creds = json_of(res);
    CHECK(creds["sip_username"] == "33140009999");
    CHECK(creds["sip_domain"] == "phonefleet.local");
    auto password = creds["sip_password"].get<std::string>();
    CHECK(password.size() == 16);
    CHECK(res->get_header_value("Cache-Control") == "no-store");

    auto status = d.server.get("/api/v1/devices/001E4A0A0005/status", d.client);
    CHECK(status->body.find(password) == std::string::npos);
    auto j = json_of(status);
    REQUIRE(j["lines"].size() == 1);
    CHECK(j["lines"][0]["port"] == 2);
    CHECK(j["lines"][0]["display_name"] == "Accueil Café");
    CHECK(j["available_lines"] == 4);

    CHECK(d.server.put(port, d.client, {{"phone_number", "33140009998"}, {"extension", "4243"}})->status == 409);
    auto dup = d.server.put("/api/v1/devices/001E4A0A0005/ports/3", d.client,
                            {{"phone_number", "33140009999"}, {"extension", "4243"}});
    CHECK(dup->status == 409);
    CHECK(json_of(dup)["code"] == "phone_number_exists");
    auto bad = d.server.put("/api/v1/devices/001E4A0A0005/ports/9", d.client, {{"phone_number", "12"}, {"extension", "x"}});
    CHECK(bad->status == 422);
    CHECK(error_codes(json_of(bad)) ==
          std::set<std::string>{"port:port_invalid", "phone_number:phone_number_invalid", "extension:extension_invalid"});

    CHECK(d.server.del(port, d.client)->status == 204);
    auto again = d.server.del(port, d.client);
    CHECK(again->status == 404);
    CHECK(json_of(again)["code"] == "line_not_found");
    CHECK(json_of(d.server.get("/api/v1/devices/001E4A0A0005", d.client))["available_lines"] == 5);
}

TEST_CASE("catalog, sites and the types approved at a site", "[catalog]") {
    Demo d;
    auto types = json_of(d.server.get("/api/v1/device-types", d.client))["items"];
    CHECK(types.size() >= 20);
    bool has_dect = false;
    for (const auto& t : types) {
        CHECK(t.contains("vendor"));
        CHECK(t["ports"].get<int>() >= 1);
        has_dect = has_dect || t["dect"].get<bool>();
    }
    CHECK(has_dect);
    auto sites = json_of(d.server.get("/api/v1/customers/" + std::to_string(d.cafe) + "/sites", d.client))["items"];
    CHECK(sites.size() == 2);
    auto lyon_types = json_of(d.server.get("/api/v1/customers/" + std::to_string(d.cafe) + "/sites/" +
                                               std::to_string(d.lyon) + "/device-types",
                                           d.client))["items"];
    bool has_vvx450 = false;
    for (const auto& t : lyon_types) has_vvx450 = has_vvx450 || t["name"] == "Poly VVX 450";
    CHECK_FALSE(has_vvx450);
    CHECK(lyon_types.size() < types.size());
    // A site of another customer, even through one's own customer id, is not found.
    CHECK(d.server.get("/api/v1/customers/" + std::to_string(d.cafe) + "/sites/" + std::to_string(d.nantes) +
                           "/device-types",
                       d.client)->status == 404);
}

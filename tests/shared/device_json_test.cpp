#include <catch2/catch.hpp>

#include "phonefleet/device_json.hpp"

using namespace phonefleet;

TEST_CASE("a device page survives the JSON round trip with the field names of SPEC 4", "[json]") {
    DevicePage page;
    page.total = 2;
    page.items.push_back({"00AA6E33D748", "Cisco 6821", "Paris", 3, RegistrationState::Aged, 1, std::nullopt});
    page.items.push_back({"001565ABCDEF", "Yealink W70B", "Lyon", 4, RegistrationState::Registered, 10, "42"});

    nlohmann::json j = page;
    CHECK(j["total"] == 2);
    CHECK(j["items"][0]["mac"] == "00AA6E33D748");
    CHECK(j["items"][0]["state"] == "aged");
    CHECK(j["items"][0]["available_lines"] == 1);
    CHECK_FALSE(j["items"][0].contains("multicell_station_id"));
    CHECK(j["items"][1]["multicell_station_id"] == "42");

    auto back = j.get<DevicePage>();
    REQUIRE(back.items.size() == 2);
    CHECK(back.items[0].state == RegistrationState::Aged);
    CHECK(back.items[1].multicell_station_id == std::optional<std::string>("42"));
    CHECK(back.items[1].site_id == 4);
}

TEST_CASE("a line-state page survives the JSON round trip with the field names of SPEC 4", "[json]") {
    LineStatePage page;
    page.total = 1;
    page.export_enabled = true;
    page.counts = {5, 2, 1};
    page.by_site.push_back({3, "Paris — Siège", {5, 2, 1}});
    LineStateRow row;
    row.site_id = 3;
    row.site = "Paris — Siège";
    row.mac = "00AA6E33D748";
    row.device_type = "Cisco 6821";
    row.port = 2;
    row.phone_number = "+33142000001";
    row.extension = "201";
    row.state = RegistrationState::Aged;
    row.remote_ip = "192.0.2.7:5060";
    row.registered_at = 1700000000;
    page.items.push_back(row);

    nlohmann::json j = page;
    CHECK(j["counts"]["aged"] == 2);
    CHECK(j["by_site"][0]["site"] == "Paris — Siège");
    CHECK(j["by_site"][0]["registered"] == 5);
    CHECK(j["items"][0]["state"] == "aged");
    CHECK(j["items"][0]["expires_at"].is_null());
    CHECK(j["export_enabled"] == true);

    auto back = j.get<LineStatePage>();
    REQUIRE(back.items.size() == 1);
    CHECK(back.items[0].port == 2);
    CHECK(back.items[0].state == RegistrationState::Aged);
    CHECK(back.items[0].registered_at == std::optional<std::int64_t>(1700000000));
    CHECK_FALSE(back.items[0].expires_at.has_value());
    CHECK(back.counts.total() == 8);
    CHECK(back.counts.of(RegistrationState::Unregistered) == 1);
    REQUIRE(back.by_site.size() == 1);
    CHECK(back.by_site[0].counts.registered == 5);
    CHECK(back.export_enabled);
}

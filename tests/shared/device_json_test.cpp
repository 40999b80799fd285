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

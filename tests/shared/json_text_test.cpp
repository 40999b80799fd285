#include <catch2/catch.hpp>

#include "phonefleet/device_json.hpp"
#include "phonefleet/json_text.hpp"

using namespace phonefleet;

TEST_CASE("the direct JSON of a device page is the document to_json describes", "[json]") {
    DevicePage page;
    page.total = 123456789012;
    page.items.push_back({"00AA6E33D748", "Cisco 6821", "Paris", 3, RegistrationState::Aged, 1, std::nullopt});
    page.items.push_back({"001565ABCDEF", "Yealink W70B", "Lyon \"Part-Dieu\"\\\n\t\x01 é", 4,
                          RegistrationState::Registered, 10, "42"});
    auto text = device_page_json(page);
    CHECK(nlohmann::json::parse(text) == nlohmann::json(page));
    // Byte for byte what nlohmann writes (sorted keys, same escapes), so clients see no change.
    CHECK(text == nlohmann::json(page).dump());
    CHECK(device_page_json(DevicePage{}) == R"({"items":[],"total":0})");
}

#include <catch2/catch.hpp>

#include "phonefleet/mac_address.hpp"

using phonefleet::MacAddress;
using phonefleet::spreadsheet_damage;
using phonefleet::SpreadsheetDamage;

TEST_CASE("every notation of SPEC 2 normalises to 12 upper-case hex digits", "[mac]") {
    for (const char* text : {"00:AA:6E:33:D7:48", "00-aa-6e-33-d7-48", "00aa.6e33.d748",
                             "00AA6E33D748", "00aa6e33d748", "  00:aa:6E:33:d7:48 "}) {
        auto mac = MacAddress::parse(text);
        INFO(text);
        REQUIRE(mac.ok());
        CHECK(mac.value().normalized() == "00AA6E33D748");
    }
    CHECK(MacAddress::parse("00AA6E33D748").value().colon_form() == "00:AA:6E:33:D7:48");
}

TEST_CASE("malformed MACs are mac_invalid with the value given", "[mac]") {
    for (const char* text : {"", "00:AA:6E:33:D7", "00:AA:6E:33:D7:4G", "00:AA-6E:33:D7:48",
                             "00AA6E33D7489", "0:AA:6E:33:D7:48:", "00aa.6e33d748..", "00.AA.6E.33.D7.48",
                             "00aa:6e33:d748", "zzzzzzzzzzzz"}) {
        auto mac = MacAddress::parse(text);
        INFO(text);
        REQUIRE_FALSE(mac.ok());
        CHECK(mac.error().code == "mac_invalid");
        CHECK(mac.error().field == "mac");
        CHECK(mac.error().value == text);
    }
}

TEST_CASE("what a spreadsheet leaves of a MAC it read as a number is told apart", "[mac]") {
    // 001565123456 opened and saved by Excel: its leading zeros dropped.
    CHECK(spreadsheet_damage("1565123456") == SpreadsheetDamage::LeadingZerosDropped);
    CHECK(spreadsheet_damage("1122334455") == SpreadsheetDamage::LeadingZerosDropped);
    CHECK(spreadsheet_damage("12345678901") == SpreadsheetDamage::LeadingZerosDropped);
    CHECK(spreadsheet_damage("1234567") == SpreadsheetDamage::LeadingZerosDropped);
    // 805012345678 in Excel's General format, in English and in French.
    CHECK(spreadsheet_damage("8.05012E+11") == SpreadsheetDamage::DigitsLost);
    CHECK(spreadsheet_damage("8,05012E+11") == SpreadsheetDamage::DigitsLost);
    CHECK(spreadsheet_damage("1.12233e11") == SpreadsheetDamage::DigitsLost);
    CHECK(spreadsheet_damage("1E+11") == SpreadsheetDamage::DigitsLost);
    // Anything else is an ordinary bad MAC (or a good one).
    for (const char* text : {"", "123456", "001565123456", "123456789012", "00:15:65:12:34:56", "1.2.3",
                             "E+11", "1.E+11", "1.5E", "1.5E+", "1.5E+11x", "8.05012E-11", "12a456789"}) {
        INFO(text);
        CHECK(spreadsheet_damage(text) == SpreadsheetDamage::None);
    }
}

TEST_CASE("multicast, broadcast and all-zero MACs are not a phone's", "[mac]") {
    for (const char* text : {"01:00:5E:00:00:01", "FF:FF:FF:FF:FF:FF", "00:00:00:00:00:00",
                             "33:33:00:00:00:01"}) {
        auto mac = MacAddress::parse(text);
        INFO(text);
        REQUIRE_FALSE(mac.ok());
        CHECK(mac.error().code == "mac_not_unicast");
    }
    // Locally administered unicast is still unicast.
    CHECK(MacAddress::parse("02:00:00:00:00:01").ok());
    // Addressing an existing record only needs the syntax.
    CHECK(MacAddress::parse_any("FF:FF:FF:FF:FF:FF").ok());
}

#include <catch2/catch.hpp>

#include "phonefleet/messages.hpp"

using namespace phonefleet;

TEST_CASE("the catalogue is sorted so that lookups find every key", "[messages]") {
    CHECK(catalogue_is_sorted());
    CHECK(has_text("mac_invalid"));
    CHECK(has_text("ui.login.button"));
}

TEST_CASE("error messages are filled in the caller's language", "[messages]") {
    Error e{"mac_invalid", "mac", "12:34"};
    CHECK(message(e, Language::En) == "\"12:34\" is not a valid MAC address (e.g. 00:AA:6E:33:D7:48).");
    CHECK(message(e, Language::Fr) == "« 12:34 » n'est pas une adresse MAC valide (ex. 00:AA:6E:33:D7:48).");
    CHECK(text("state_aged", Language::Fr) == "Âgé");
    CHECK(text("no.such.key", Language::Fr) == "no.such.key");
}

TEST_CASE("Accept-Language picks the supported language of highest quality, the first among equals", "[messages]") {
    CHECK(language_from_header("") == Language::En);
    CHECK(language_from_header("fr-FR,fr;q=0.9,en;q=0.8") == Language::Fr);
    CHECK(language_from_header("fr") == Language::Fr);
    CHECK(language_from_header("de-DE, en-GB;q=0.7, fr;q=0.5") == Language::En);
    CHECK(language_from_header("de, fr;q=0.5") == Language::Fr);
    CHECK(language_from_header("french") == Language::En);
    // Quality values order the languages, whatever the order written (RFC 9110 12.5.4).
    CHECK(language_from_header("en;q=0.1, fr") == Language::Fr);
    CHECK(language_from_header("en-GB;q=0.2,fr-FR;q=0.8") == Language::Fr);
    CHECK(language_from_header("fr;q=0.5, en;q=0.5") == Language::Fr);
    CHECK(language_from_header("fr;q=1.0, en;q=0.999") == Language::Fr);
    CHECK(language_from_header("en;q=0.4 , FR-ca ; q=0.6") == Language::Fr);
    // q=0: not acceptable; an unreadable q likewise.
    CHECK(language_from_header("fr;q=0,en") == Language::En);
    CHECK(language_from_header("fr;q=0") == Language::En);
    CHECK(language_from_header("en;q=abc, fr;q=0.1") == Language::Fr);
    CHECK(language_from_header("en;q=2, fr;q=0.1") == Language::Fr);
}

TEST_CASE("counts are grouped by three digits, as each language writes them", "[messages]") {
    CHECK(format_count(0, Language::En) == "0");
    CHECK(format_count(999, Language::Fr) == "999");
    CHECK(format_count(1000, Language::En) == "1,000");
    CHECK(format_count(100016, Language::En) == "100,016");
    CHECK(format_count(1234567, Language::En) == "1,234,567");
    CHECK(format_count(10000, Language::Fr) == "10\u202F000");  // narrow no-break space
    CHECK(format_count(1000000, Language::Fr) == "1\u202F000\u202F000");
    CHECK(format_count(18446744073709551615ull, Language::En) == "18,446,744,073,709,551,615");
}

TEST_CASE("a count fills its text, with the singular text for one when there is one", "[messages]") {
    CHECK(fill_count("ui.devices.count", 1, Language::Fr) == "1 appareil");
    CHECK(fill_count("ui.devices.count", 10000, Language::Fr) == "10\u202F000 appareils");
    CHECK(fill_count("ui.import.valid_rows", 1, Language::En) == "Valid rows: 1");  // no singular text
    CHECK(fill_count("ui.import.valid_rows", 1234, Language::En) == "Valid rows: 1,234");
}

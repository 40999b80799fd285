#include <catch2/catch.hpp>

#include "phonefleet/text_encoding.hpp"

using namespace phonefleet;

TEST_CASE("UTF-8 is told apart from other bytes", "[encoding]") {
    CHECK(is_valid_utf8(""));
    CHECK(is_valid_utf8("Paris"));
    CHECK(is_valid_utf8("\xC3\x89vry"));              // Évry
    CHECK(is_valid_utf8("\xE2\x82\xAC \xF0\x9F\x93\x9E"));  // € and a 4-byte character
    CHECK_FALSE(is_valid_utf8("\xC9vry"));            // Évry in Windows-1252
    CHECK_FALSE(is_valid_utf8("caf\xE9"));            // a lead byte cut by the end
    CHECK_FALSE(is_valid_utf8("\x80"));               // a continuation byte alone
    CHECK_FALSE(is_valid_utf8("\xC0\xAF"));           // overlong '/'
    CHECK_FALSE(is_valid_utf8("\xED\xA0\x80"));       // a surrogate
    CHECK_FALSE(is_valid_utf8("\xF4\x90\x80\x80"));   // past U+10FFFF
}

TEST_CASE("Windows-1252 text becomes the same characters in UTF-8", "[encoding]") {
    CHECK(windows1252_to_utf8("\xC9vry-Courcouronnes") == "\xC3\x89vry-Courcouronnes");
    CHECK(windows1252_to_utf8("Cr\xE9teil") == "Cr\xC3\xA9teil");
    CHECK(windows1252_to_utf8("\x80") == "\xE2\x82\xAC");         // €
    CHECK(windows1252_to_utf8("\x9C") == "\xC5\x93");             // œ
    CHECK(windows1252_to_utf8("d\x92" "appareil") == "d\xE2\x80\x99" "appareil");  // ’
    CHECK(windows1252_to_utf8("\x81") == "\xEF\xBF\xBD");         // undefined: U+FFFD
    CHECK(windows1252_to_utf8("\xFF") == "\xC3\xBF");             // ÿ
    CHECK(is_valid_utf8(windows1252_to_utf8(std::string("\x00\x7F\x80\x9F\xA0\xFF", 6))));
}

TEST_CASE("as_utf8 keeps UTF-8 and reads anything else as Windows-1252", "[encoding]") {
    CHECK(as_utf8("\xC3\x89vry") == "\xC3\x89vry");
    CHECK(as_utf8("\xC9vry") == "\xC3\x89vry");
    CHECK(as_utf8("Lyon") == "Lyon");
}

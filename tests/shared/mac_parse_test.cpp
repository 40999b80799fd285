#include <catch2/catch.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "phonefleet/mac_address.hpp"

// MacAddress::parse_any reads 8 bytes at a time (shared/src/mac_parse.hpp). These tests hold it
// to the rule of SPEC 2 written the plain way, one character at a time: every byte value at
// every position of every notation, in both letter cases.

using phonefleet::MacAddress;

namespace {

std::optional<std::uint64_t> reference_parse(std::string_view text) {
    while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
    while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1);
    auto hex = [](char c) -> int {
        if (c >= '0' && c <= '9') return c - '0';
        if (c >= 'a' && c <= 'f') return c - 'a' + 10;
        if (c >= 'A' && c <= 'F') return c - 'A' + 10;
        return -1;
    };
    std::string digits;
    if (text.size() == 12) {
        digits = text;
    } else if (text.size() == 17) {
        char sep = text[2];
        if (sep != ':' && sep != '-') return std::nullopt;
        for (std::size_t i = 0; i < 17; ++i) {
            if (i % 3 == 2) {
                if (text[i] != sep) return std::nullopt;
            } else {
                digits += text[i];
            }
        }
    } else if (text.size() == 14) {
        for (std::size_t i = 0; i < 14; ++i) {
            if (i == 4 || i == 9) {
                if (text[i] != '.') return std::nullopt;
            } else {
                digits += text[i];
            }
        }
    } else {
        return std::nullopt;
    }
    std::uint64_t mac = 0;
    for (char c : digits) {
        int v = hex(c);
        if (v < 0) return std::nullopt;
        mac = mac << 4 | static_cast<std::uint64_t>(v);
    }
    return mac;
}

std::optional<std::uint64_t> parsed(std::string_view text) {
    auto r = MacAddress::parse_any(text);
    if (!r.ok()) return std::nullopt;
    std::uint64_t mac = 0;
    for (auto b : r.value().bytes()) mac = mac << 8 | b;
    return mac;
}

}  // namespace

TEST_CASE("every byte at every position of every notation parses as the plain rule says", "[mac][parse]") {
    const char* notations[] = {"0123456789AB", "01:23:45:67:89:ab", "CD-EF-01-23-45-67", "89ab.CDEF.0123",
                               "fedcba987654", "a0:b1:c2:d3:e4:f5", "0a1b.2c3d.4e5f"};
    std::size_t checked = 0;
    for (std::string_view notation : notations) {
        REQUIRE(parsed(notation) == reference_parse(notation));
        REQUIRE(parsed(notation).has_value());
        for (std::size_t at = 0; at < notation.size(); ++at) {
            for (int b = 0; b < 256; ++b) {
                std::string text(notation);
                text[at] = static_cast<char>(b);
                INFO(text << " (byte " << b << " at " << at << ")");
                REQUIRE(parsed(text) == reference_parse(text));
                ++checked;
            }
        }
    }
    CHECK(checked > 20000);
}

TEST_CASE("MACs inside longer text, blanks around and near-miss lengths", "[mac][parse]") {
    // A view into a longer buffer: bytes beyond the view are never part of the MAC.
    const std::string buffer = "00AA6E33D748FF:00:11:22:33:44:55,00aa.6e33.d748";
    CHECK(parsed(std::string_view(buffer).substr(0, 12)) == 0x00AA6E33D748ull);
    CHECK(parsed(std::string_view(buffer).substr(0, 11)) == std::nullopt);
    CHECK(parsed(std::string_view(buffer).substr(12, 17)) == 0xFF0011223344ull);
    CHECK(parsed(std::string_view(buffer).substr(12, 16)) == std::nullopt);
    CHECK(parsed(std::string_view(buffer).substr(33, 14)) == 0x00AA6E33D748ull);
    for (std::string text : {" 00AA6E33D748", "00AA6E33D748\t", "\t 00:AA:6E:33:D7:48  ", "  00aa.6e33.d748"})
        CHECK(parsed(text) == 0x00AA6E33D748ull);
    for (std::string text : {"00AA6E33D74", "00AA6E33D7481", "00:AA:6E:33:D7:4", "00aa.6e33.d74", "00aa.6e33.d7488",
                             "00:AA:6E:33:D7:48:", "00:AA:6E:33:D7-48", "00-AA-6E-33-D7:48", "00.AA.6E.33.D7.48"}) {
        INFO(text);
        CHECK(parsed(text) == reference_parse(text));
        CHECK(parsed(text) == std::nullopt);
    }
    // UTF-8 bytes whose low 7 bits are a hex digit or a separator.
    for (std::string text : {"00AA6E33D7\xC8\xB8", "00\xBA" "AA:6E:33:D7:48", "00aa\xAE" "6e33.d748"})
        CHECK(parsed(text) == std::nullopt);
}

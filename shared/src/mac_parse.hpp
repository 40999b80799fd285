#pragma once
// Private to shared/: the syntax of MacAddress::parse_any (SPEC 2) as a 48-bit integer, with no
// allocation, so that the import validator checks a million MACs without building an Error per
// row. MacAddress::parse_any is written on it: one rule, two callers.
#include <cstdint>
#include <string_view>

namespace phonefleet::detail {

// Hex digit value of a byte, 0xFF when it is not one.
struct HexDigits {
    std::uint8_t value[256];
    constexpr HexDigits() : value() {
        for (int i = 0; i < 256; ++i) value[i] = 0xFF;
        for (int i = 0; i < 10; ++i) value['0' + i] = static_cast<std::uint8_t>(i);
        for (int i = 0; i < 6; ++i) {
            value['a' + i] = static_cast<std::uint8_t>(10 + i);
            value['A' + i] = static_cast<std::uint8_t>(10 + i);
        }
    }
};
inline constexpr HexDigits kHexDigits;

// The MAC of `text` (blanks around it ignored) as 0x00AA6E33D748, or false when its syntax is
// none of 00:AA:6E:33:D7:48, 00-aa-6e-33-d7-48, 00aa.6e33.d748, 00AA6E33D748. Each notation has a
// fixed length and fixed separator positions; every other position must be a hex digit.
inline bool parse_mac48(std::string_view text, std::uint64_t& mac) {
    while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
    while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1);
    const auto* s = reinterpret_cast<const unsigned char*>(text.data());
    std::uint64_t key = 0;
    unsigned bad = 0;
    auto digit = [&](std::size_t i) {
        unsigned v = kHexDigits.value[s[i]];
        bad |= v;
        key = (key << 4) | (v & 0x0F);
    };
    switch (text.size()) {
        case 12:
            for (std::size_t i = 0; i < 12; ++i) digit(i);
            break;
        case 17: {
            const unsigned char sep = s[2];
            if ((sep != ':' && sep != '-') || s[5] != sep || s[8] != sep || s[11] != sep || s[14] != sep)
                return false;
            for (std::size_t i = 0; i < 17; i += 3) {
                digit(i);
                digit(i + 1);
            }
            break;
        }
        case 14:
            if (s[4] != '.' || s[9] != '.') return false;
            for (std::size_t i = 0; i < 14; i += 5) {
                digit(i);
                digit(i + 1);
                digit(i + 2);
                digit(i + 3);
            }
            break;
        default:
            return false;
    }
    if (bad & 0xF0) return false;
    mac = key;
    return true;
}

// The unicast rule of MacAddress::parse: not multicast (I/G bit of the first byte), not all-zero.
inline bool is_unicast_mac48(std::uint64_t mac) { return mac != 0 && ((mac >> 40) & 0x01) == 0; }

}  // namespace phonefleet::detail

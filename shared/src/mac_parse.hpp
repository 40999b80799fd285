#pragma once
// Private to shared/: the syntax of MacAddress::parse_any (SPEC 2) as a 48-bit integer, with no
// allocation, so that the import validator checks a million MACs without building an Error per
// row. MacAddress::parse_any is written on it: one rule, two callers.
#include <cstdint>
#include <cstring>
#include <string_view>

namespace phonefleet::detail {

// Inlined into the validator's row loop (a call per MAC costs as much as the parse).
#if defined(__GNUC__) || defined(__clang__)
#define PHONEFLEET_MAC_INLINE inline __attribute__((always_inline))
#else
#define PHONEFLEET_MAC_INLINE inline
#endif

// SWAR over 8 bytes at a time (plain 64-bit integers: as fast in wasm as natively). A word holds
// 8 characters, the first in its lowest byte (little-endian load). hex8x2 reads two words at
// once (a MAC is two, overlapping): whether all 16 characters are hex digits, and the value of
// each word's 8 digits (its first character the most significant digit).
PHONEFLEET_MAC_INLINE bool hex8x2(std::uint64_t w0, std::uint64_t w1, std::uint32_t& v0, std::uint32_t& v1) {
    constexpr std::uint64_t ones = 0x0101010101010101ull, lows7 = 0x7F7F7F7F7F7F7F7Full,
                            highs = 0x8080808080808080ull;
    // `low + (0x80 - bound)` sets a byte's high bit exactly when low >= bound: low <= 0x7F, so no
    // lane carries into the next. 'A'..'F' | 0x20 = 'a'..'f', and no other byte lands there.
    auto digits = [](std::uint64_t low) {
        return (low + ones * (0x80 - '0')) & ~(low + ones * (0x80 - '9' - 1));
    };
    auto letters = [](std::uint64_t low) {
        const std::uint64_t folded = low | ones * 0x20;
        return (folded + ones * (0x80 - 'a')) & ~(folded + ones * (0x80 - 'f' - 1)) & highs;
    };
    const std::uint64_t low0 = w0 & lows7, low1 = w1 & lows7;
    const std::uint64_t letter0 = letters(low0), letter1 = letters(low1);
    // Every byte a digit or a letter, and ASCII (no high bit of its own).
    if (((digits(low0) | letter0) & (digits(low1) | letter1) & ~(w0 | w1) & highs) != highs) return false;
    // Digit values: the low nibble, plus 9 for a letter ('a' = 0x61 -> 1 + 9). Then pairs of
    // digits into bytes, pairs of bytes into 16 bits, the two halves into 32 bits: each a
    // multiply that adds a lane to its shifted neighbour (no sum exceeds its lane).
    auto value = [](std::uint64_t word, std::uint64_t letter) {
        std::uint64_t t = (word & ones * 0x0F) + (letter >> 7) * 9;
        t = ((t * 0x1001) >> 8) & 0x00FF00FF00FF00FFull;
        t = ((t * 0x1000001) >> 16) & 0x0000FFFF0000FFFFull;
        return static_cast<std::uint32_t>((t * 0x0001000000000001ull) >> 32);
    };
    v0 = value(w0, letter0);
    v1 = value(w1, letter1);
    return true;
}

PHONEFLEET_MAC_INLINE std::uint64_t load8(const char* p) {
    std::uint64_t w;
    std::memcpy(&w, p, 8);
    return w;
}

// The MAC of `text` (already trimmed) as 0x00AA6E33D748, or false when its syntax is none of
// 00:AA:6E:33:D7:48, 00-aa-6e-33-d7-48, 00aa.6e33.d748, 00AA6E33D748. Each notation has a
// fixed length and fixed separator positions; every other position must be a hex digit. Two
// overlapping 8-byte words cover each notation; separators are checked, then replaced by '0'
// so that hex8x2 reads them as a digit 0 that the shifts below drop.
PHONEFLEET_MAC_INLINE bool parse_mac48_trimmed(std::string_view text, std::uint64_t& mac) {
    constexpr std::uint64_t zeros = 0x3030303030303030ull;  // "00000000"
    const char* s = text.data();
    std::uint32_t a, b;
    switch (text.size()) {
        case 12:  // 00AA6E33D748: digits 0-7, then 4-11
            if (!hex8x2(load8(s), load8(s + 4), a, b)) return false;
            mac = (std::uint64_t{a} << 16) | (b & 0xFFFF);
            return true;
        case 17: {  // 00:AA:6E:33:D7:48: "00:AA:6E", separator, "33:D7:48"; separators at 2, 5
            const char sep = s[2];
            if ((sep != ':' && sep != '-') || s[8] != sep) return false;
            constexpr std::uint64_t at = 0x0000FF0000FF0000ull;  // bytes 2 and 5
            const std::uint64_t seps = 0x0101010101010101ull * static_cast<unsigned char>(sep);
            const std::uint64_t w0 = load8(s), w1 = load8(s + 9);
            if (((w0 ^ seps) & at) != 0 || ((w1 ^ seps) & at) != 0) return false;
            if (!hex8x2((w0 & ~at) | (zeros & at), (w1 & ~at) | (zeros & at), a, b)) return false;
            // a's nibbles: d0 d1 0 d2 d3 0 d4 d5 -> d0..d5
            auto six = [](std::uint32_t v) -> std::uint64_t {
                return ((v >> 8) & 0xFF0000u) | ((v >> 4) & 0xFF00u) | (v & 0xFFu);
            };
            mac = (six(a) << 24) | six(b);
            return true;
        }
        case 14: {  // 00aa.6e33.d748: "00aa.6e3" (dot at 4), then "33.d748" from byte 6 (dot at 3)
            if (s[4] != '.' || s[9] != '.') return false;
            constexpr std::uint64_t at0 = 0x000000FF00000000ull, at1 = 0x00000000FF000000ull;
            if (!hex8x2((load8(s) & ~at0) | (zeros & at0), (load8(s + 6) & ~at1) | (zeros & at1), a, b)) return false;
            // a: d0 d1 d2 d3 0 d4 d5 d6; b: d5 d6 d7 0 d8 d9 d10 d11
            mac = (std::uint64_t{a >> 16} << 32) | (std::uint64_t{(a >> 8) & 0xF} << 28) |
                  (std::uint64_t{b >> 20} << 16) | (b & 0xFFFF);
            return true;
        }
        default:
            return false;
    }
}

// The same, blanks (spaces, tabs) around the MAC ignored.
PHONEFLEET_MAC_INLINE bool parse_mac48(std::string_view text, std::uint64_t& mac) {
    while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
    while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1);
    return parse_mac48_trimmed(text, mac);
}

// The unicast rule of MacAddress::parse: not multicast (I/G bit of the first byte), not all-zero.
inline bool is_unicast_mac48(std::uint64_t mac) { return mac != 0 && ((mac >> 40) & 0x01) == 0; }

}  // namespace phonefleet::detail

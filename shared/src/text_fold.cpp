#include "phonefleet/text_fold.hpp"

#include <cstdint>

namespace phonefleet {
namespace {

// Base letters of U+00C0..U+00FF (Latin-1 Supplement letters), lower case, accents removed.
// "" keeps the character as is (× and ÷ are not letters).
constexpr std::string_view kLatin1Base[64] = {
    "a", "a", "a", "a", "a", "a", "ae", "c", "e", "e", "e", "e", "i", "i", "i", "i",   // C0..CF
    "d", "n", "o", "o", "o", "o", "o",  "",  "o", "u", "u", "u", "u", "y", "th", "ss",  // D0..DF
    "a", "a", "a", "a", "a", "a", "ae", "c", "e", "e", "e", "e", "i", "i", "i", "i",   // E0..EF
    "d", "n", "o", "o", "o", "o", "o",  "",  "o", "u", "u", "u", "u", "y", "th", "y",   // F0..FF
};

// Base letters of U+0100..U+017F (Latin Extended-A), by ranges of code points.
struct BaseRange {
    std::uint16_t first, last;
    std::string_view base;
};
constexpr BaseRange kLatinExtABase[] = {
    {0x100, 0x105, "a"},  {0x106, 0x10D, "c"}, {0x10E, 0x111, "d"}, {0x112, 0x11B, "e"},
    {0x11C, 0x123, "g"},  {0x124, 0x127, "h"}, {0x128, 0x131, "i"}, {0x132, 0x133, "ij"},
    {0x134, 0x135, "j"},  {0x136, 0x138, "k"}, {0x139, 0x142, "l"}, {0x143, 0x14B, "n"},
    {0x14C, 0x151, "o"},  {0x152, 0x153, "oe"}, {0x154, 0x159, "r"}, {0x15A, 0x161, "s"},
    {0x162, 0x167, "t"},  {0x168, 0x173, "u"}, {0x174, 0x175, "w"}, {0x176, 0x178, "y"},
    {0x179, 0x17E, "z"},  {0x17F, 0x17F, "s"},
};

std::string_view latin_ext_a_base(std::uint32_t cp) {
    for (const auto& r : kLatinExtABase)
        if (cp >= r.first && cp <= r.last) return r.base;
    return {};
}

bool is_ascii_separator(char c) { return c == ' ' || c == '_' || c == '-' || c == '\'' || c == '\t'; }

// Lower case of a code point of Latin-1 Supplement or Latin Extended-A; others unchanged.
std::uint32_t lower_latin(std::uint32_t cp) {
    if (cp >= 0xC0 && cp <= 0xDE && cp != 0xD7) return cp + 0x20;
    if (cp == 0x178) return 0xFF;  // Ÿ
    if (cp == 0x130) return 'i';   // İ
    bool even_upper = (cp >= 0x100 && cp <= 0x137) || (cp >= 0x14A && cp <= 0x177);
    bool odd_upper = (cp >= 0x139 && cp <= 0x148) || (cp >= 0x179 && cp <= 0x17E);
    if (even_upper && cp % 2 == 0) return cp + 1;
    if (odd_upper && cp % 2 == 1) return cp + 1;
    return cp;
}

void append_utf8_2(std::string& out, std::uint32_t cp) {
    out += static_cast<char>(0xC0 | (cp >> 6));
    out += static_cast<char>(0x80 | (cp & 0x3F));
}

char ascii_lower(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; }

bool is_nbsp(std::string_view s, std::size_t i) {
    return i + 1 < s.size() && static_cast<unsigned char>(s[i]) == 0xC2 &&
           static_cast<unsigned char>(s[i + 1]) == 0xA0;
}

}  // namespace

std::string fold_header_name(std::string_view name) {
    std::string out;
    out.reserve(name.size());
    bool pending_space = false;
    auto put = [&](std::string_view piece) {
        if (pending_space && !out.empty()) out += ' ';
        pending_space = false;
        out += piece;
    };
    for (std::size_t i = 0; i < name.size();) {
        auto b0 = static_cast<unsigned char>(name[i]);
        if (b0 < 0x80) {
            char c = name[i++];
            if (is_ascii_separator(c)) {
                pending_space = true;
            } else {
                char lower = ascii_lower(c);
                put(std::string_view(&lower, 1));
            }
            continue;
        }
        // Two-byte sequences C2..C5 cover U+0080..U+017F.
        if (b0 >= 0xC2 && b0 <= 0xC5 && i + 1 < name.size()) {
            auto b1 = static_cast<unsigned char>(name[i + 1]);
            std::uint32_t cp = ((b0 & 0x1Fu) << 6) | (b1 & 0x3Fu);
            if (cp == 0xA0) {
                pending_space = true;
                i += 2;
                continue;
            }
            std::string_view base = cp >= 0xC0 && cp <= 0xFF ? kLatin1Base[cp - 0xC0]
                                    : cp >= 0x100        ? latin_ext_a_base(cp)
                                                         : std::string_view{};
            put(base.empty() ? name.substr(i, 2) : base);
            i += 2;
            continue;
        }
        // Typographic apostrophe ’ (U+2019), which spreadsheets put for a typed '.
        if (name.compare(i, 3, "\xE2\x80\x99") == 0) {
            pending_space = true;
            i += 3;
            continue;
        }
        put(name.substr(i, 1));
        ++i;
    }
    return out;
}

std::string_view trim_blanks(std::string_view value) {
    while (!value.empty() && (value.front() == ' ' || value.front() == '\t')) value.remove_prefix(1);
    while (!value.empty() && (value.back() == ' ' || value.back() == '\t')) value.remove_suffix(1);
    return value;
}

void fold_case(std::string_view name, std::string& out) {
    out.clear();
    // Trim blanks and no-break spaces at both ends.
    for (;;) {
        name = trim_blanks(name);
        if (is_nbsp(name, 0)) {
            name.remove_prefix(2);
        } else if (name.size() >= 2 && is_nbsp(name, name.size() - 2)) {
            name.remove_suffix(2);
        } else {
            break;
        }
    }
    for (std::size_t i = 0; i < name.size();) {
        auto b0 = static_cast<unsigned char>(name[i]);
        if (b0 < 0x80) {
            out += ascii_lower(name[i++]);
            continue;
        }
        if (b0 >= 0xC2 && b0 <= 0xC5 && i + 1 < name.size()) {
            auto b1 = static_cast<unsigned char>(name[i + 1]);
            std::uint32_t cp = lower_latin(((b0 & 0x1Fu) << 6) | (b1 & 0x3Fu));
            if (cp < 0x80)
                out += static_cast<char>(cp);
            else
                append_utf8_2(out, cp);
            i += 2;
            continue;
        }
        out += name[i++];
    }
}

std::string fold_case(std::string_view name) {
    std::string out;
    fold_case(name, out);
    return out;
}

}  // namespace phonefleet

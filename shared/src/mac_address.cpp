#include "phonefleet/mac_address.hpp"

namespace phonefleet {
namespace {

int hex_value(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

// Each notation has a fixed length and fixed separator positions; anything else is invalid.
bool separators_match(std::string_view s, char sep, std::size_t group) {
    for (std::size_t i = 0; i < s.size(); ++i) {
        bool is_sep_pos = (i + 1) % (group + 1) == 0;
        if (is_sep_pos != (s[i] == sep)) return false;
    }
    return true;
}

std::string_view trim(std::string_view s) {
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
    return s;
}

}  // namespace

Result<MacAddress> MacAddress::parse_any(std::string_view text) {
    std::string_view s = trim(text);
    Error invalid{"mac_invalid", "mac", std::string(text)};
    bool shape_ok = false;
    if (s.size() == 12) {
        shape_ok = true;
    } else if (s.size() == 17) {
        shape_ok = separators_match(s, ':', 2) || separators_match(s, '-', 2);
    } else if (s.size() == 14) {
        shape_ok = separators_match(s, '.', 4);
    }
    if (!shape_ok) return invalid;

    Bytes bytes{};
    int digits = 0;
    for (char c : s) {
        if (c == ':' || c == '-' || c == '.') continue;
        int v = hex_value(c);
        if (v < 0) return invalid;
        bytes[digits / 2] = static_cast<std::uint8_t>((bytes[digits / 2] << 4) | v);
        ++digits;
    }
    if (digits != 12) return invalid;
    return MacAddress(bytes);
}

Result<MacAddress> MacAddress::parse(std::string_view text) {
    auto mac = parse_any(text);
    if (!mac) return mac;
    if (mac.value().is_multicast() || mac.value().is_all_zero()) {
        return Error{"mac_not_unicast", "mac", std::string(text)};
    }
    return mac;
}

bool MacAddress::is_all_zero() const {
    for (auto b : bytes_)
        if (b != 0) return false;
    return true;
}

std::string MacAddress::normalized() const {
    static constexpr char kHex[] = "0123456789ABCDEF";
    std::string out(12, '0');
    for (std::size_t i = 0; i < bytes_.size(); ++i) {
        out[2 * i] = kHex[bytes_[i] >> 4];
        out[2 * i + 1] = kHex[bytes_[i] & 0x0F];
    }
    return out;
}

std::string MacAddress::colon_form() const {
    std::string n = normalized();
    std::string out;
    for (std::size_t i = 0; i < 12; i += 2) {
        if (i) out += ':';
        out.append(n, i, 2);
    }
    return out;
}

}  // namespace phonefleet

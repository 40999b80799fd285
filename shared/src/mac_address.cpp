#include "phonefleet/mac_address.hpp"

#include "mac_parse.hpp"

namespace phonefleet {

// Success builds no Error (no string copy): the import validator parses a MAC a row.
Result<MacAddress> MacAddress::parse_any(std::string_view text) {
    std::uint64_t mac = 0;
    if (!detail::parse_mac48(text, mac)) return Error{"mac_invalid", "mac", std::string(text)};
    Bytes bytes{};
    for (std::size_t i = 0; i < bytes.size(); ++i) bytes[i] = static_cast<std::uint8_t>(mac >> (40 - 8 * i));
    return MacAddress(bytes);
}

Result<MacAddress> MacAddress::parse(std::string_view text) {
    std::uint64_t mac = 0;
    if (!detail::parse_mac48(text, mac)) return Error{"mac_invalid", "mac", std::string(text)};
    if (!detail::is_unicast_mac48(mac)) return Error{"mac_not_unicast", "mac", std::string(text)};
    Bytes bytes{};
    for (std::size_t i = 0; i < bytes.size(); ++i) bytes[i] = static_cast<std::uint8_t>(mac >> (40 - 8 * i));
    return MacAddress(bytes);
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

SpreadsheetDamage spreadsheet_damage(std::string_view text) {
    const auto digits = [&](std::size_t from) {
        std::size_t to = from;
        while (to < text.size() && text[to] >= '0' && text[to] <= '9') ++to;
        return to - from;
    };
    const std::size_t lead = digits(0);
    // All digits: a MAC whose every hex digit is decimal, short of its zeros. Fewer than 7
    // left would mean 6 zeros dropped, a prefix no phone maker has: rather a typo.
    if (lead == text.size())
        return lead >= 7 && lead <= 11 ? SpreadsheetDamage::LeadingZerosDropped : SpreadsheetDamage::None;
    // d[.,]ddddE+dd, as Excel's General format writes a number of more than 11 digits.
    std::size_t at = lead;
    if (lead == 0) return SpreadsheetDamage::None;
    if (text[at] == '.' || text[at] == ',') {
        const std::size_t fraction = digits(at + 1);
        if (fraction == 0) return SpreadsheetDamage::None;
        at += 1 + fraction;
    }
    if (at >= text.size() || (text[at] != 'E' && text[at] != 'e')) return SpreadsheetDamage::None;
    ++at;
    if (at < text.size() && text[at] == '+') ++at;
    const std::size_t exponent = digits(at);
    return exponent > 0 && at + exponent == text.size() ? SpreadsheetDamage::DigitsLost : SpreadsheetDamage::None;
}

}  // namespace phonefleet

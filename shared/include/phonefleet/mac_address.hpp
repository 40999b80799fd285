#pragma once
// MAC addresses as administrators type them (SPEC 2): colon, dash, Cisco-dot or bare hex,
// any case. Stored and shown normalised as 12 upper-case hex digits.
#include <array>
#include <cstdint>
#include <string>
#include <string_view>

#include "phonefleet/result.hpp"

namespace phonefleet {

class MacAddress {
public:
    using Bytes = std::array<std::uint8_t, 6>;

    // Accepts 00:AA:6E:33:D7:48, 00-aa-6e-33-d7-48, 00aa.6e33.d748, 00AA6E33D748.
    // Errors: mac_invalid (syntax), mac_not_unicast (multicast, broadcast or all-zero).
    static Result<MacAddress> parse(std::string_view text);
    // Syntax only, without the unicast rule (used to address an existing device).
    static Result<MacAddress> parse_any(std::string_view text);

    const Bytes& bytes() const { return bytes_; }
    std::string normalized() const;  // "00AA6E33D748"
    std::string colon_form() const;  // "00:AA:6E:33:D7:48"
    bool is_multicast() const { return (bytes_[0] & 0x01) != 0; }
    bool is_all_zero() const;

    bool operator==(const MacAddress&) const = default;

private:
    explicit MacAddress(const Bytes& bytes) : bytes_(bytes) {}
    Bytes bytes_{};
};

// What a spreadsheet leaves of a MAC it read as a number when the file was opened and saved:
// 001565123456 becomes 1565123456 (its leading zeros dropped), and a 12-digit one is written in
// exponent form, 8.05012E+11 or 8,05012E+11 in French (its last digits lost). Neither is a MAC;
// an import's mac_invalid message then says what happened and how to keep the column as text
// (a form's does not: a person typing is no spreadsheet).
enum class SpreadsheetDamage { None, LeadingZerosDropped, DigitsLost };
SpreadsheetDamage spreadsheet_damage(std::string_view mac_text);

}  // namespace phonefleet

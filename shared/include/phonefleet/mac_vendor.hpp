#pragma once
// The MAC vendor check (SPEC 5, mac_vendor_mismatch): a MAC whose IEEE registry block belongs to
// another vendor than its device type's is likely mistyped. A warning, never an error.
//
// Only the vendors of shared/data/mac_vendors.txt are known (the table is compiled in, built
// from Debian's ieee-data). No warning when the type's vendor is not among them, when the MAC's
// block is not one of theirs (any other organisation, unregistered, locally administered), or
// when the type's vendor accepts the block's (mergers, DECT makers): never a false alarm.
#include <cstdint>
#include <optional>
#include <string_view>

#include "phonefleet/device.hpp"
#include "phonefleet/result.hpp"

namespace phonefleet {

// A known vendor: an index into the table (stable within one build only).
struct MacVendor {
    int index = -1;
    std::string_view name;  // "Poly"
};

// The known vendor a catalog vendor name ("Polycom", "cisco systems") is, if any.
std::optional<MacVendor> vendor_of_catalog_name(std::string_view catalog_vendor);
// The known vendor the registry gives this 48-bit MAC's block to (longest block first:
// MA-S/IAB, MA-M, MA-L); none for a locally administered MAC.
std::optional<MacVendor> vendor_of_mac(std::uint64_t mac48);

// The block's vendor when it is not one a phone of `expected` may carry (the fast test, for a
// caller that looked the type's vendor up once: the import validator, per row).
std::optional<MacVendor> mismatched_vendor(std::uint64_t mac48, MacVendor expected);

// The warning for a MAC (12 hex digits in any accepted notation, already valid) on a device
// type: code mac_vendor_mismatch, field "mac", value the MAC as given, args "registered" (the
// block's vendor), "vendor" (the type's, as the catalog spells it) and "type" (its name).
std::optional<Error> mac_vendor_warning(std::uint64_t mac48, std::string_view mac_as_given, const DeviceType& type);
std::optional<Error> mac_vendor_warning(std::string_view mac_text, const DeviceType& type);

// How many registry blocks the table holds (tests, and the size of what is shipped).
std::size_t mac_vendor_block_count();

}  // namespace phonefleet

#pragma once
// The MAC vendor table, generated at build time (shared/tools/gen_mac_vendors.pl) from
// shared/data/mac_vendors.txt and the IEEE registry: the vendors we know and the registry
// blocks that belong to them. Read through mac_vendor.hpp.
#include <cstddef>
#include <cstdint>

namespace phonefleet::detail {

struct MacVendorEntry {
    const char* name;           // "Poly", as warnings name it
    const char* catalog_names;  // "Poly;Polycom;Plantronics": device type vendors that are this one
    std::uint32_t accepts;      // bit v: this vendor's phones may carry vendor v's MACs too
};

extern const MacVendorEntry kMacVendors[];
extern const std::size_t kMacVendorCount;

// Each entry (prefix << 8) | index into kMacVendors, sorted; by prefix length in bits.
extern const std::uint32_t kMacBlocks24[];  // MA-L (OUI)
extern const std::size_t kMacBlocks24Count;
extern const std::uint64_t kMacBlocks28[];  // MA-M
extern const std::size_t kMacBlocks28Count;
extern const std::uint64_t kMacBlocks36[];  // MA-S, IAB
extern const std::size_t kMacBlocks36Count;

}  // namespace phonefleet::detail

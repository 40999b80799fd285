#include "phonefleet/mac_vendor.hpp"

#include <algorithm>

#include "mac_parse.hpp"
#include "mac_vendor_table.hpp"

namespace phonefleet {
namespace {

using namespace detail;

char lower(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; }

// Whether `vendor` is `name`, or starts with it followed by a word break ("Cisco Systems").
bool names(std::string_view vendor, std::string_view name) {
    if (vendor.size() < name.size()) return false;
    for (std::size_t i = 0; i < name.size(); ++i)
        if (lower(vendor[i]) != lower(name[i])) return false;
    if (vendor.size() == name.size()) return true;
    const char next = vendor[name.size()];
    return next == ' ' || next == '-' || next == ',';
}

MacVendor at(std::size_t index) { return {static_cast<int>(index), kMacVendors[index].name}; }

// The vendor index of `key` in a sorted table of (prefix << 8) | index.
template <typename T>
std::optional<std::size_t> find_block(const T* table, std::size_t count, std::uint64_t prefix) {
    const T* end = table + count;
    const T* it = std::lower_bound(table, end, prefix, [](T entry, std::uint64_t p) { return (entry >> 8) < p; });
    if (it == end || (*it >> 8) != prefix) return std::nullopt;
    return static_cast<std::size_t>(*it & 0xFF);
}

}  // namespace

std::optional<MacVendor> vendor_of_catalog_name(std::string_view catalog_vendor) {
    while (!catalog_vendor.empty() && catalog_vendor.front() == ' ') catalog_vendor.remove_prefix(1);
    while (!catalog_vendor.empty() && catalog_vendor.back() == ' ') catalog_vendor.remove_suffix(1);
    if (catalog_vendor.empty()) return std::nullopt;
    for (std::size_t v = 0; v < kMacVendorCount; ++v) {
        std::string_view list = kMacVendors[v].catalog_names;
        while (!list.empty()) {
            const std::size_t semi = list.find(';');
            if (names(catalog_vendor, list.substr(0, semi))) return at(v);
            list = semi == std::string_view::npos ? std::string_view{} : list.substr(semi + 1);
        }
    }
    return std::nullopt;
}

std::optional<MacVendor> vendor_of_mac(std::uint64_t mac48) {
    // The U/L bit (IEEE 802): a locally administered address is in no registry.
    if ((mac48 >> 40) & 0x02) return std::nullopt;
    if (auto v = find_block(kMacBlocks36, kMacBlocks36Count, mac48 >> 12)) return at(*v);
    if (auto v = find_block(kMacBlocks28, kMacBlocks28Count, mac48 >> 20)) return at(*v);
    if (auto v = find_block(kMacBlocks24, kMacBlocks24Count, mac48 >> 24)) return at(*v);
    return std::nullopt;
}

std::optional<MacVendor> mismatched_vendor(std::uint64_t mac48, MacVendor expected) {
    if (expected.index < 0) return std::nullopt;
    const auto registered = vendor_of_mac(mac48);
    if (!registered || registered->index == expected.index) return std::nullopt;
    if ((kMacVendors[expected.index].accepts >> registered->index) & 1) return std::nullopt;
    return registered;
}

std::optional<Error> mac_vendor_warning(std::uint64_t mac48, std::string_view mac_as_given, const DeviceType& type) {
    const auto expected = vendor_of_catalog_name(type.vendor);
    if (!expected) return std::nullopt;
    const auto registered = mismatched_vendor(mac48, *expected);
    if (!registered) return std::nullopt;
    Error e;
    e.code = "mac_vendor_mismatch";
    e.field = "mac";
    e.value = std::string(mac_as_given);
    e.args = {{"registered", std::string(registered->name)}, {"vendor", type.vendor}, {"type", type.name}};
    return e;
}

std::optional<Error> mac_vendor_warning(std::string_view mac_text, const DeviceType& type) {
    std::uint64_t mac = 0;
    if (!detail::parse_mac48(mac_text, mac)) return std::nullopt;
    return mac_vendor_warning(mac, mac_text, type);
}

std::size_t mac_vendor_block_count() { return kMacBlocks24Count + kMacBlocks28Count + kMacBlocks36Count; }

}  // namespace phonefleet

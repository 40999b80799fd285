#include "phonefleet/inventory_rules.hpp"

#include <algorithm>

#include "phonefleet/mac_address.hpp"
#include "phonefleet/mac_vendor.hpp"

namespace phonefleet {
namespace {

char lower(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; }

bool all_digits(std::string_view s) {
    return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

const SiteApprovals* find_site(const std::vector<SiteApprovals>& sites, std::int64_t id) {
    for (const auto& s : sites)
        if (s.site.id == id) return &s;
    return nullptr;
}

}  // namespace

bool iequals(std::string_view a, std::string_view b) {
    if (a.size() != b.size()) return false;
    for (std::size_t i = 0; i < a.size(); ++i)
        if (lower(a[i]) != lower(b[i])) return false;
    return true;
}

const DeviceType* find_device_type(const std::vector<DeviceType>& catalog, std::string_view name) {
    for (const auto& t : catalog)
        if (iequals(t.name, name)) return &t;
    return nullptr;
}

std::vector<Error> validate_new_device(const NewDevice& in, const std::vector<SiteApprovals>& sites,
                                       const std::vector<DeviceType>& catalog) {
    std::vector<Error> errors;
    const SiteApprovals* site = nullptr;
    if (!in.site_id) {
        errors.push_back({"field_missing", "site_id", ""});
    } else if (site = find_site(sites, *in.site_id); !site) {
        errors.push_back({"site_unknown", "site_id", std::to_string(*in.site_id)});
    }

    const DeviceType* type = nullptr;
    if (in.device_type.empty()) {
        errors.push_back({"field_missing", "device_type", ""});
    } else if (type = find_device_type(catalog, in.device_type); !type) {
        errors.push_back({"device_type_unknown", "device_type", in.device_type});
    } else if (site && std::none_of(site->approved_types.begin(), site->approved_types.end(),
                                    [&](const std::string& n) { return iequals(n, type->name); })) {
        errors.push_back({"device_type_not_approved", "device_type", in.device_type});
    }

    if (in.mac.empty()) {
        errors.push_back({"field_missing", "mac", ""});
    } else if (auto mac = MacAddress::parse(in.mac); !mac) {
        errors.push_back(mac.error());
    }

    if (in.multicell_station_id && !in.multicell_station_id->empty()) {
        const auto& id = *in.multicell_station_id;
        if (type && !type->dect)
            errors.push_back({"multicell_not_dect", "multicell_station_id", id});
        else if (id.size() > 16 || !all_digits(id))
            errors.push_back({"multicell_invalid", "multicell_station_id", id});
    }
    return errors;
}

std::optional<ValidDevice> normalize_new_device(const NewDevice& in, const std::vector<SiteApprovals>& sites,
                                                const std::vector<DeviceType>& catalog) {
    if (!validate_new_device(in, sites, catalog).empty()) return std::nullopt;
    ValidDevice out;
    out.mac = MacAddress::parse(in.mac).value().normalized();
    out.site_id = *in.site_id;
    out.device_type = find_device_type(catalog, in.device_type)->name;
    if (in.multicell_station_id && !in.multicell_station_id->empty()) out.multicell_station_id = in.multicell_station_id;
    return out;
}

std::vector<Error> validate_line(const LineAssignment& line, int port, int ports) {
    std::vector<Error> errors;
    if (port < 1 || port > ports) errors.push_back({"port_invalid", "port", std::to_string(port)});
    const auto& n = line.phone_number;
    if (!all_digits(n) || n.size() < 4 || n.size() > 15) errors.push_back({"phone_number_invalid", "phone_number", n});
    const auto& e = line.extension;
    if (!all_digits(e) || e.size() < 2 || e.size() > 8) errors.push_back({"extension_invalid", "extension", e});
    const auto& d = line.display_name;
    bool control = std::any_of(d.begin(), d.end(), [](char c) { return static_cast<unsigned char>(c) < 0x20; });
    if (d.size() > 64 || control) errors.push_back({"display_name_invalid", "display_name", d});
    return errors;
}

std::vector<Error> new_device_warnings(const NewDevice& in, const std::vector<DeviceType>& catalog) {
    const DeviceType* type = find_device_type(catalog, in.device_type);
    if (!type || !MacAddress::parse(in.mac)) return {};
    if (auto w = mac_vendor_warning(in.mac, *type)) return {std::move(*w)};
    return {};
}

}  // namespace phonefleet

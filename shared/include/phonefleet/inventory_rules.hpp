#pragma once
// The rules of adding a device and giving a line to one of its ports (F5, F10), in one place
// for the browser (validated as the person types) and the server (validated again, always).
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "phonefleet/device.hpp"
#include "phonefleet/result.hpp"

namespace phonefleet {

// A site with the device types approved there (catalog names).
struct SiteApprovals {
    Site site;
    std::vector<std::string> approved_types;
};

struct NewDevice {
    std::optional<std::int64_t> site_id;
    std::string device_type;
    std::string mac;
    std::optional<std::string> multicell_station_id;
};

// The device to store: MAC normalised, type spelled as in the catalog.
struct ValidDevice {
    std::string mac;
    std::int64_t site_id = 0;
    std::string device_type;
    std::optional<std::string> multicell_station_id;
};

// Every problem of the input at once, one Error per field: site_unknown / field_missing,
// device_type_unknown / device_type_not_approved, mac_invalid / mac_not_unicast,
// multicell_not_dect, multicell_invalid. Empty when valid (then `normalize` gives the record).
std::vector<Error> validate_new_device(const NewDevice& input, const std::vector<SiteApprovals>& sites,
                                       const std::vector<DeviceType>& catalog);
std::optional<ValidDevice> normalize_new_device(const NewDevice& input, const std::vector<SiteApprovals>& sites,
                                                const std::vector<DeviceType>& catalog);
// What a device may still be added with (SPEC 5, never blocking): mac_vendor_mismatch when its
// MAC's IEEE block belongs to another vendor than its type's (mac_vendor.hpp). Empty while the
// MAC or the type is not valid (their errors say enough).
std::vector<Error> new_device_warnings(const NewDevice& input, const std::vector<DeviceType>& catalog);

// Case-insensitive catalog lookup (ASCII: catalog names are model names).
const DeviceType* find_device_type(const std::vector<DeviceType>& catalog, std::string_view name);
bool iequals(std::string_view a, std::string_view b);

struct LineAssignment {
    std::string phone_number;  // digits, 4-15 (E.164 without +)
    std::string extension;     // digits, 2-8
    std::string display_name;  // up to 64 bytes, no control characters
};

// phone_number_invalid, extension_invalid, display_name_invalid, port_invalid (1..ports).
std::vector<Error> validate_line(const LineAssignment& line, int port, int ports);

}  // namespace phonefleet

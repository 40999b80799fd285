#pragma once
// The inventory as both sides see it: the server fills these from its store and sends them
// as JSON, the browser client decodes them into the very same types (device_json.hpp).
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "phonefleet/line_state.hpp"

namespace phonefleet {

struct Customer {
    std::int64_t id = 0;
    std::string name;
    std::int64_t provider_id = 0;
};

struct Site {
    std::int64_t id = 0;
    std::string name;
};

struct DeviceType {
    std::string name;    // "Cisco 6821"
    std::string vendor;  // "Cisco"
    int ports = 1;       // line ports
    bool dect = false;   // DECT base station (may carry a multicell station ID)
};

struct Device {
    std::string mac;  // normalised: 12 upper-case hex digits
    std::string device_type;
    std::string site;
    std::int64_t site_id = 0;
    RegistrationState state = RegistrationState::Unregistered;
    int available_lines = 0;  // ports without a line
    std::optional<std::string> multicell_station_id;  // DECT only
};

struct DevicePage {
    std::vector<Device> items;
    std::int64_t total = 0;  // matching devices over all pages
};

}  // namespace phonefleet

#pragma once
// Writes JSON text straight into a string, without building an nlohmann tree: for the hot
// answers (a page of the device list) where the tree's allocations dominated the request.
// The output is the same document to_json (device_json.hpp) describes; a test holds them equal.
#include <cstdint>
#include <string>
#include <string_view>

#include "phonefleet/device.hpp"

namespace phonefleet {

void append_json_string(std::string& out, std::string_view text);  // quoted and escaped (RFC 8259)
std::string device_page_json(const DevicePage& page);

}  // namespace phonefleet

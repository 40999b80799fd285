#pragma once
// Writes JSON text straight into a string, without building an nlohmann tree: for the hot
// answers (a page of the device list) where the tree's allocations dominated the request.
// The output is the same document to_json (device_json.hpp) describes; a test holds them equal.
#include <cstdint>
#include <string>
#include <string_view>

#include "phonefleet/device.hpp"
#include "phonefleet/import_validator.hpp"
#include "phonefleet/messages.hpp"

namespace phonefleet {

void append_json_string(std::string& out, std::string_view text);  // quoted and escaped (RFC 8259)
std::string device_page_json(const DevicePage& page);

// An import's report (F9): {"data_rows", "errors": [{"code", "column", "message", "row",
// "value"}], "errors_truncated", "imported", "valid_rows", "warnings": [same shape],
// "warnings_truncated"}, each message in `lang` naming the
// column as the file does. A re-imported file of 100,000 known MACs has 100,000 errors: the
// tree of that answer took most of its second. The fields alone, to extend another object.
std::string import_report_json(const ImportReport& report, std::size_t imported, Language lang);
void append_import_report_fields(std::string& out, const ImportReport& report, std::size_t imported, Language lang);
// An array of errors or warnings: [{"code", "column", "message", "row", "value"}].
void append_problems(std::string& out, const std::vector<ImportError>& problems,
                     const std::vector<ImportColumnHeader>& headers, Language lang);

}  // namespace phonefleet

// libFuzzer target for the CSV reader and the import validator (issue 4): any bytes, fed in
// chunks whose sizes the input chooses, must never crash, trip a sanitizer, or give a report
// that differs from feeding the same bytes whole.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "phonefleet/csv_reader.hpp"
#include "phonefleet/import_validator.hpp"

namespace {

const phonefleet::CatalogView& catalog() {
    static const phonefleet::CatalogView view = [] {
        phonefleet::CatalogView v;
        v.device_types = {{"Cisco 6841", "Cisco", 4, false}, {"Yealink W70B", "Yealink", 10, true}};
        v.sites = {{1, "Paris", {"Cisco 6841", "Yealink W70B"}}, {2, "Lyon", {"Cisco 6841"}}};
        v.existing_macs = [](const std::vector<std::string>& macs) {
            std::vector<bool> found;
            for (const auto& mac : macs) found.push_back(mac.back() == '7');
            return found;
        };
        return v;
    }();
    return view;
}

phonefleet::ImportReport validate(std::string_view data, std::size_t chunk) {
    phonefleet::ImportOptions options;
    options.limits.max_bytes = 1 << 20;
    options.limits.max_rows = 2000;
    options.keep_rows = true;
    phonefleet::ImportValidator validator(catalog(), options);
    for (std::size_t at = 0; at < data.size(); at += chunk) validator.feed(data.substr(at, chunk));
    return validator.finish();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* bytes, std::size_t size) {
    if (size == 0) return 0;
    const std::size_t chunk = 1 + bytes[0] % 17;
    const std::string_view data(reinterpret_cast<const char*>(bytes) + 1, size - 1);

    const auto whole = validate(data, data.size() + 1);
    const auto pieces = validate(data, chunk);
    if (whole.errors != pieces.errors || whole.valid_rows != pieces.valid_rows) __builtin_trap();

    std::size_t records = 0;
    phonefleet::CsvReader reader([&](const phonefleet::CsvRecord&) { return ++records < 100000; });
    for (std::size_t at = 0; at < data.size(); at += chunk) reader.feed(data.substr(at, chunk));
    reader.finish();
    return 0;
}

// Validates a device import file with the shared ImportValidator, fed in 1 MiB chunks as the
// browser does, and prints the time and throughput. Built natively and with em++ (run under
// node), so both figures come from the same code.
#include <chrono>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <string>
#include <vector>

#include "phonefleet/import_validator.hpp"

int main(int argc, char** argv) {
    if (argc != 2) {
        std::cerr << "usage: csv_validate_bench FILE.csv\n";
        return 2;
    }
    phonefleet::CatalogView catalog;
    catalog.device_types = {{"Cisco 6841", "Cisco", 4, false}, {"Yealink T54W", "Yealink", 16, false},
                            {"Yealink W70B", "Yealink", 10, true}};
    catalog.sites = {{1, "Paris", {"Cisco 6841", "Yealink T54W", "Yealink W70B"}},
                     {2, "Lyon", {"Cisco 6841", "Yealink T54W"}}};
    phonefleet::ImportOptions options;
    options.limits.max_rows = 10'000'000;
    options.limits.max_bytes = std::size_t(1) << 31;

    std::ifstream in(argv[1], std::ios::binary);
    if (!in) {
        std::cerr << "cannot open " << argv[1] << "\n";
        return 1;
    }
    std::vector<char> chunk(1 << 20);
    const auto start = std::chrono::steady_clock::now();
    phonefleet::ImportValidator validator(catalog, options);
    std::size_t bytes = 0;
    while (in) {
        in.read(chunk.data(), static_cast<std::streamsize>(chunk.size()));
        const auto got = static_cast<std::size_t>(in.gcount());
        if (got == 0) break;
        bytes += got;
        validator.feed(std::string_view(chunk.data(), got));
    }
    auto report = validator.finish();
    const double ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
    std::printf("rows %zu valid %zu errors %zu bytes %zu ms %.1f MB/s %.1f\n", report.data_rows, report.valid_rows,
                report.errors.size(), bytes, ms, bytes / 1e6 / (ms / 1000));
    return 0;
}

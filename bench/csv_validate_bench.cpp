// Validates a device import file with the shared ImportValidator, fed in 16 KiB pieces as the
// browser client feeds it (kValidationPiece, wasm-client/app/controller.cpp), with the file size
// as ImportOptions::expected_bytes (as the browser and the server give it), and prints the time
// and throughput. Built natively and with em++ (run under node), so both figures come from the
// same code. stdio rather than iostreams: a smaller wasm module, so that node's own memory for
// it does not blur the peak-memory figure.
// Memory: the resident size just before the work (the runtime and the module loaded, the file not
// yet touched) and the peak resident size after it, from /proc/self/status (under node with
// NODERAWFS that is node's own process): the growth is what the validation itself needs.
// bench/papaparse_parse.mjs measures the same two figures the same way.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <ctime>
#include <string_view>
#include <vector>

#include "phonefleet/import_validator.hpp"

namespace {

// A "VmRSS:" or "VmHWM:" line of /proc/self/status, in kB; 0 when it cannot be read.
long status_kb(const char* field) {
    std::FILE* f = std::fopen("/proc/self/status", "r");
    if (!f) return 0;
    char line[256];
    long kb = 0;
    const std::size_t n = std::strlen(field);
    while (std::fgets(line, sizeof line, f))
        if (std::strncmp(line, field, n) == 0) kb = std::strtol(line + n, nullptr, 10);
    std::fclose(f);
    return kb;
}

}  // namespace

int main(int argc, char** argv) {
    // --in-memory: the whole file is read before the clock starts, then fed in the same 16 KiB
    // pieces: the validator's own speed, timed as bench/papaparse_parse.mjs times papaparse
    // (its text is read before its clock starts). Without it, reading the file is timed too.
    const bool in_memory = argc == 3 && std::strcmp(argv[1], "--in-memory") == 0;
    if (argc != 2 && !in_memory) {
        std::fprintf(stderr, "usage: csv_validate_bench [--in-memory] FILE.csv\n");
        return 2;
    }
    const char* path = argv[argc - 1];
    phonefleet::CatalogView catalog;
    catalog.device_types = {{"Cisco 6841", "Cisco", 4, false}, {"Yealink T54W", "Yealink", 16, false},
                            {"Yealink W70B", "Yealink", 10, true}};
    catalog.sites = {{1, "Paris", {"Cisco 6841", "Yealink T54W", "Yealink W70B"}},
                     {2, "Lyon", {"Cisco 6841", "Yealink T54W"}}};
    phonefleet::ImportOptions options;
    options.limits.max_rows = 10'000'000;
    options.limits.max_bytes = std::size_t(1) << 31;

    const long rss_before_kb = status_kb("VmRSS:");
    std::FILE* in = std::fopen(path, "rb");
    if (!in) {
        std::fprintf(stderr, "cannot open %s\n", path);
        return 1;
    }
    if (std::fseek(in, 0, SEEK_END) == 0) {
        long size = std::ftell(in);
        if (size > 0) options.expected_bytes = static_cast<std::size_t>(size);
        std::fseek(in, 0, SEEK_SET);
    }
    // The file is read 64 KiB at a time (under node each read is a call into JS: smaller reads
    // leave more garbage on node's heap, larger ones a larger buffer, both counted as growth).
    constexpr std::size_t kRead = 64 * 1024, kPiece = 16 * 1024;
    std::vector<char> whole;  // --in-memory: the file, read before the clock starts
    if (in_memory) {
        whole.resize(options.expected_bytes);
        whole.resize(std::fread(whole.data(), 1, whole.size(), in));
    }
    std::vector<char> chunk(kRead);
    const auto start = std::chrono::steady_clock::now();
    const std::clock_t cpu_start = std::clock();
    phonefleet::ImportValidator validator(catalog, options);
    auto feed = [&](const char* data, std::size_t size) {
        for (std::size_t at = 0; at < size; at += kPiece)
            validator.feed(std::string_view(data + at, std::min(kPiece, size - at)));
    };
    std::size_t bytes = 0;
    if (in_memory) {
        feed(whole.data(), whole.size());
        bytes = whole.size();
    } else {
        for (;;) {
            const std::size_t got = std::fread(chunk.data(), 1, chunk.size(), in);
            if (got == 0) break;
            bytes += got;
            feed(chunk.data(), got);
        }
    }
    std::fclose(in);
    auto report = validator.finish();
    const double ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
    // CPU time too: on a busy machine the wall time also counts other processes' turns.
    const double cpu_ms = 1000.0 * static_cast<double>(std::clock() - cpu_start) / CLOCKS_PER_SEC;
    const long peak_kb = status_kb("VmHWM:");
    std::printf("rows %zu valid %zu errors %zu bytes %zu ms %.1f MB/s %.1f cpu_ms %.1f rss_before_kb %ld peak_kb %ld\n",
                report.data_rows, report.valid_rows, report.errors.size(), bytes, ms, bytes / 1e6 / (ms / 1000), cpu_ms,
                rss_before_kb, peak_kb);
    return 0;
}

#pragma once
// The standard process metrics of Prometheus client libraries, read from /proc/self (Linux).
#include <cstdint>
#include <optional>

namespace phonefleet::http {

struct ProcessStats {
    std::uint64_t resident_memory_bytes = 0;
    std::uint64_t virtual_memory_bytes = 0;
    double cpu_seconds = 0;
    std::uint64_t open_fds = 0;
    std::optional<std::uint64_t> max_fds;
    double start_time_seconds = 0;  // since the Unix epoch
};

std::optional<ProcessStats> read_process_stats();

}  // namespace phonefleet::http

#include "http/process_metrics.hpp"

#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

namespace phonefleet::http {
namespace {

// Seconds since the epoch at boot (/proc/stat btime): start times in /proc are since boot.
std::optional<double> boot_time() {
    std::ifstream in("/proc/stat");
    for (std::string line; std::getline(in, line);)
        if (line.rfind("btime ", 0) == 0) return std::stod(line.substr(6));
    return std::nullopt;
}

}  // namespace

std::optional<ProcessStats> read_process_stats() {
    ProcessStats s;
    std::ifstream stat_file("/proc/self/stat");
    std::string stat;
    if (!std::getline(stat_file, stat)) return std::nullopt;
    // The command name (field 2) may hold spaces: fields are counted after its closing ')'.
    const auto close = stat.rfind(')');
    if (close == std::string::npos) return std::nullopt;
    std::istringstream fields(stat.substr(close + 2));
    std::string f;
    const double ticks = static_cast<double>(sysconf(_SC_CLK_TCK));
    const auto page = static_cast<std::uint64_t>(sysconf(_SC_PAGESIZE));
    // Fields from 3 (state); utime=14, stime=15, starttime=22, vsize=23, rss=24 (proc(5)).
    for (int n = 3; fields >> f; ++n) {
        if (n == 14 || n == 15) s.cpu_seconds += std::stod(f) / ticks;
        else if (n == 22) {
            if (auto boot = boot_time()) s.start_time_seconds = *boot + std::stod(f) / ticks;
        } else if (n == 23) s.virtual_memory_bytes = std::stoull(f);
        else if (n == 24) {
            s.resident_memory_bytes = std::stoull(f) * page;
            break;
        }
    }
    std::error_code ec;
    for (auto it = std::filesystem::directory_iterator("/proc/self/fd", ec); !ec && it != std::filesystem::directory_iterator();
         it.increment(ec))
        ++s.open_fds;
    std::ifstream limits("/proc/self/limits");
    for (std::string line; std::getline(limits, line);)
        if (line.rfind("Max open files", 0) == 0) {
            std::istringstream words(line.substr(14));
            std::string soft;
            if (words >> soft && soft != "unlimited") s.max_fds = std::stoull(soft);
        }
    return s;
}

}  // namespace phonefleet::http

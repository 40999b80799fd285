#pragma once
// Time is injected so that rules depending on it (sessions, states, limits) are testable.
#include <chrono>
#include <cstdint>
#include <functional>

namespace phonefleet::services {

using Clock = std::function<std::int64_t()>;  // Unix seconds

inline Clock system_clock() {
    return [] {
        return std::chrono::duration_cast<std::chrono::seconds>(
                   std::chrono::system_clock::now().time_since_epoch())
            .count();
    };
}

}  // namespace phonefleet::services

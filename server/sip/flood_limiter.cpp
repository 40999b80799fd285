#include "sip/flood_limiter.hpp"

#include <algorithm>
#include <chrono>

namespace phonefleet::sip {

FloodLimiter::FloodLimiter(double rate_per_s, double burst, MsClock clock)
    : rate_per_ms_(rate_per_s / 1000.0), burst_(std::max(burst, 1.0)), clock_(std::move(clock)) {}

FloodLimiter::MsClock FloodLimiter::steady_ms() {
    return [] {
        return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now().time_since_epoch())
            .count();
    };
}

bool FloodLimiter::allow(const std::string& source) {
    if (rate_per_ms_ <= 0) return true;
    const std::int64_t now = clock_();
    std::lock_guard lock(mutex_);
    // Spoofed sources could grow the table without end: forget the buckets that are full again.
    if (buckets_.size() > 100000) {
        for (auto it = buckets_.begin(); it != buckets_.end();)
            it = (it->second.tokens + (now - it->second.at_ms) * rate_per_ms_ >= burst_) ? buckets_.erase(it) : std::next(it);
    }
    auto [it, fresh] = buckets_.try_emplace(source, Bucket{burst_, now});
    auto& b = it->second;
    b.tokens = std::min(burst_, b.tokens + static_cast<double>(now - b.at_ms) * rate_per_ms_);
    b.at_ms = now;
    if (b.tokens < 1.0) return false;
    b.tokens -= 1.0;
    return true;
}

}  // namespace phonefleet::sip

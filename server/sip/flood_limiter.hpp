#pragma once
// SIP requests of any method per source address, as a token bucket (SPEC 7: floods from one
// address are limited). Over the limit a REGISTER gets 503 with Retry-After (RFC 3261 21.5.4),
// other requests no answer. The
// clock is injected (milliseconds) so that tests need no sleeping.
#include <cstdint>
#include <functional>
#include <mutex>
#include <string>
#include <unordered_map>

namespace phonefleet::sip {

class FloodLimiter {
public:
    using MsClock = std::function<std::int64_t()>;

    // rate_per_s <= 0: unlimited.
    FloodLimiter(double rate_per_s, double burst, MsClock clock);
    bool allow(const std::string& source);

    static MsClock steady_ms();

private:
    struct Bucket {
        double tokens;
        std::int64_t at_ms;
    };
    double rate_per_ms_;
    double burst_;
    MsClock clock_;
    std::mutex mutex_;
    std::unordered_map<std::string, Bucket> buckets_;
};

}  // namespace phonefleet::sip

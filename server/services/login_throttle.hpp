#pragma once
// Login back-off (SPEC 4, F22): after too many failed logins for one user name or from one
// address within a window, every attempt is refused (whatever the password) until the window
// has passed. Keyed per client, clock injected so tests do not sleep (STYLE: rate limiting).
#include <cstdint>
#include <deque>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>

#include "services/clock.hpp"

namespace phonefleet::services {

struct LoginThrottleLimits {
    int per_user = 5;      // failures of one user name...
    int per_address = 20;  // ...or from one address...
    int window_s = 60;     // ...within this many seconds
};

class LoginThrottle {
public:
    LoginThrottle(Clock clock, LoginThrottleLimits limits) : clock_(std::move(clock)), limits_(limits) {}

    // Seconds until an attempt may be made again (>= 1), or nothing when it may be made now.
    std::optional<std::int64_t> retry_after(const std::string& username, const std::string& address);
    // A wrong password (or an unknown user). Returns true when this failure started a back-off.
    bool failed(const std::string& username, const std::string& address);
    // A right password clears that user name's failures (not the address's).
    void succeeded(const std::string& username);

    const LoginThrottleLimits& limits() const { return limits_; }

private:
    using Failures = std::deque<std::int64_t>;  // the newest `limit` failure times, oldest first
    std::optional<std::int64_t> wait_of(const std::unordered_map<std::string, Failures>& map, const std::string& key,
                                        int limit, std::int64_t now) const;
    void record(std::unordered_map<std::string, Failures>& map, const std::string& key, int limit, std::int64_t now);
    void sweep(std::unordered_map<std::string, Failures>& map, std::int64_t now);

    Clock clock_;
    LoginThrottleLimits limits_;
    std::mutex mutex_;
    std::unordered_map<std::string, Failures> by_user_;
    std::unordered_map<std::string, Failures> by_address_;
};

}  // namespace phonefleet::services

#include "services/login_throttle.hpp"

#include <algorithm>

namespace phonefleet::services {
namespace {

// A flood of made-up user names must not grow memory without bound: past this many keys,
// entries whose window has passed are dropped (an entry holds at most `limit` times).
constexpr std::size_t kMaxKeys = 100'000;

}  // namespace

std::optional<std::int64_t> LoginThrottle::wait_of(const std::unordered_map<std::string, Failures>& map,
                                                   const std::string& key, int limit, std::int64_t now) const {
    auto it = map.find(key);
    if (it == map.end() || limit <= 0 || static_cast<int>(it->second.size()) < limit) return std::nullopt;
    // `limit` failures since front(): refused until front() leaves the window.
    const std::int64_t until = it->second.front() + limits_.window_s;
    if (until <= now) return std::nullopt;
    return until - now;
}

std::optional<std::int64_t> LoginThrottle::retry_after(const std::string& username, const std::string& address) {
    std::lock_guard lock(mutex_);
    const auto now = clock_();
    auto user = wait_of(by_user_, username, limits_.per_user, now);
    auto addr = address.empty() ? std::nullopt : wait_of(by_address_, address, limits_.per_address, now);
    if (!user) return addr;
    if (!addr) return user;
    return std::max(*user, *addr);
}

void LoginThrottle::record(std::unordered_map<std::string, Failures>& map, const std::string& key, int limit,
                           std::int64_t now) {
    if (limit <= 0) return;
    if (map.size() >= kMaxKeys && !map.count(key)) sweep(map, now);
    auto& times = map[key];
    times.push_back(now);
    while (static_cast<int>(times.size()) > limit) times.pop_front();
}

void LoginThrottle::sweep(std::unordered_map<std::string, Failures>& map, std::int64_t now) {
    std::erase_if(map, [&](const auto& e) { return e.second.empty() || e.second.back() + limits_.window_s <= now; });
}

bool LoginThrottle::failed(const std::string& username, const std::string& address) {
    std::lock_guard lock(mutex_);
    const auto now = clock_();
    record(by_user_, username, limits_.per_user, now);
    if (!address.empty()) record(by_address_, address, limits_.per_address, now);
    return wait_of(by_user_, username, limits_.per_user, now).has_value() ||
           (!address.empty() && wait_of(by_address_, address, limits_.per_address, now).has_value());
}

void LoginThrottle::succeeded(const std::string& username) {
    std::lock_guard lock(mutex_);
    by_user_.erase(username);
}

}  // namespace phonefleet::services

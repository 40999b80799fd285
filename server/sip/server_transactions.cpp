#include "sip/server_transactions.hpp"

namespace phonefleet::sip {

std::optional<std::string> ServerTransactions::answered(const std::string& key, std::chrono::steady_clock::time_point now) {
    expire(now);
    auto it = responses_.find(key);
    if (it == responses_.end()) return std::nullopt;
    return it->second;
}

void ServerTransactions::remember(const std::string& key, std::string response, std::chrono::steady_clock::time_point now) {
    expire(now);
    // Full (a flood): the oldest go first; a retransmission of those is merely handled again.
    while (order_.size() >= capacity_) {
        responses_.erase(order_.front().second);
        order_.pop_front();
    }
    if (responses_.insert_or_assign(key, std::move(response)).second) order_.emplace_back(now, key);
}

void ServerTransactions::expire(std::chrono::steady_clock::time_point now) {
    while (!order_.empty() && now - order_.front().first > lifetime_) {
        responses_.erase(order_.front().second);
        order_.pop_front();
    }
}

}  // namespace phonefleet::sip

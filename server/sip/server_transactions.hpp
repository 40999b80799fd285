#pragma once
// Non-INVITE server transactions (RFC 3261 17.2.2): a retransmitted request is answered with the
// response already sent, not handled again. Without this, a REGISTER retransmitted because our
// 200 was lost would reuse its nonce-count and be refused as a replay.
#include <chrono>
#include <cstdint>
#include <deque>
#include <optional>
#include <string>
#include <unordered_map>

namespace phonefleet::sip {

class ServerTransactions {
public:
    explicit ServerTransactions(std::size_t capacity = 100000, std::chrono::milliseconds lifetime = std::chrono::seconds(32))
        : capacity_(capacity), lifetime_(lifetime) {}

    // The response sent for this transaction, if it is a retransmission.
    std::optional<std::string> answered(const std::string& key, std::chrono::steady_clock::time_point now);
    void remember(const std::string& key, std::string response, std::chrono::steady_clock::time_point now);

private:
    void expire(std::chrono::steady_clock::time_point now);

    std::size_t capacity_;
    std::chrono::milliseconds lifetime_;  // Timer J = 64*T1 for UDP
    std::unordered_map<std::string, std::string> responses_;
    std::deque<std::pair<std::chrono::steady_clock::time_point, std::string>> order_;
};

}  // namespace phonefleet::sip

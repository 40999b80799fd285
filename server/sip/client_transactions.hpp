#pragma once
// Requests the server sends (OPTIONS probes, reboot NOTIFYs) and the answers that come back,
// matched by the branch of their top Via (RFC 3261 17.1.3). Non-INVITE retransmissions follow
// timer E (T1 doubling, capped at T2) until the caller's timeout.
#include <chrono>
#include <condition_variable>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "sip/sip_message.hpp"
#include "sip/udp_transport.hpp"

namespace phonefleet::sip {

struct Outgoing {
    Peer to;
    SipMessage request;  // carries its own unique branch
};

struct Answer {
    int status = 0;
    std::string reason;
    int rtt_ms = 0;
};

class ClientTransactions {
public:
    using Sender = std::function<bool(const Peer&, std::string_view)>;
    explicit ClientTransactions(Sender send) : send_(std::move(send)) {}

    // Sends every request at once and waits for their final answers, up to timeout; an
    // unanswered request reads std::nullopt. Safe from several threads: each call waits on its
    // own group, woken once when its last answer arrives (not by every answer of the others).
    std::vector<std::optional<Answer>> send_all(std::vector<Outgoing> requests, std::chrono::milliseconds timeout);
    // A response from the wire; false when nothing waits for it.
    bool on_response(const SipMessage& response);

private:
    struct Group {
        std::condition_variable done;
        std::size_t unanswered = 0;
        std::vector<std::optional<Answer>> answers;
    };
    struct Pending {
        std::chrono::steady_clock::time_point sent_at;
        Group* group;
        std::size_t index;
    };
    Sender send_;
    std::mutex mutex_;
    std::unordered_map<std::string, Pending> pending_;
};

}  // namespace phonefleet::sip

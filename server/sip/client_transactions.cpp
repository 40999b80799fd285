#include "sip/client_transactions.hpp"

#include <algorithm>

namespace phonefleet::sip {

using namespace std::chrono;

std::vector<std::optional<Answer>> ClientTransactions::send_all(std::vector<Outgoing> requests, milliseconds timeout) {
    Group group;
    group.answers.resize(requests.size());
    std::vector<std::string> branches, wire;
    branches.reserve(requests.size());
    wire.reserve(requests.size());
    const auto start = steady_clock::now();
    {
        std::lock_guard lock(mutex_);
        for (std::size_t i = 0; i < requests.size(); ++i) {
            branches.push_back(requests[i].request.top_via_branch());
            wire.push_back(requests[i].request.to_string());
            if (pending_.try_emplace(branches.back(), Pending{start, &group, i}).second) ++group.unanswered;
        }
    }
    bool first = true;
    auto send_unanswered = [&] {
        for (std::size_t i = 0; i < requests.size(); ++i) {
            bool waiting;
            {
                std::lock_guard lock(mutex_);
                waiting = !group.answers[i];
                // A bulk probe sends thousands: each RTT counts from its own first send.
                if (first && waiting)
                    if (auto it = pending_.find(branches[i]); it != pending_.end() && it->second.group == &group)
                        it->second.sent_at = steady_clock::now();
            }
            if (waiting && !wire[i].empty()) send_(requests[i].to, wire[i]);
        }
        first = false;
    };
    send_unanswered();

    // Counted from the end of the first pass: thousands of requests (a bulk probe) take a while
    // to leave, and the last one deserves the same timeout as the first.
    const auto sent = steady_clock::now();
    const auto deadline = sent + timeout;
    milliseconds interval(500);  // T1 (RFC 3261 17.1.2.2)
    auto next_send = sent + interval;
    std::unique_lock lock(mutex_);
    while (group.unanswered > 0) {
        group.done.wait_until(lock, std::min(deadline, next_send), [&] { return group.unanswered == 0; });
        if (group.unanswered == 0 || steady_clock::now() >= deadline) break;
        if (steady_clock::now() >= next_send) {
            lock.unlock();
            send_unanswered();
            lock.lock();
            interval = std::min(interval * 2, milliseconds(4000));  // T2
            next_send = steady_clock::now() + interval;
        }
    }
    for (std::size_t i = 0; i < branches.size(); ++i) {
        auto it = pending_.find(branches[i]);
        if (it != pending_.end() && it->second.group == &group) pending_.erase(it);
    }
    return std::move(group.answers);
}

bool ClientTransactions::on_response(const SipMessage& response) {
    if (response.status() < 200) return true;  // provisional: the final answer follows
    const auto branch = response.top_via_branch();
    std::lock_guard lock(mutex_);
    auto it = pending_.find(branch);
    if (it == pending_.end()) return false;
    auto& p = it->second;
    auto& slot = p.group->answers[p.index];
    if (slot) return false;
    const auto rtt = duration_cast<milliseconds>(steady_clock::now() - p.sent_at).count();
    slot = Answer{response.status(), response.reason(), static_cast<int>(rtt)};
    if (--p.group->unanswered == 0) p.group->done.notify_one();
    return true;
}

}  // namespace phonefleet::sip

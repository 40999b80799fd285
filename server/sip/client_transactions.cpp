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
    auto send_unanswered = [&] {
        for (std::size_t i = 0; i < requests.size(); ++i) {
            bool waiting;
            {
                std::lock_guard lock(mutex_);
                waiting = !group.answers[i];
            }
            if (waiting && !wire[i].empty()) send_(requests[i].to, wire[i]);
        }
    };
    send_unanswered();

    const auto deadline = start + timeout;
    milliseconds interval(500);  // T1 (RFC 3261 17.1.2.2)
    auto next_send = start + interval;
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

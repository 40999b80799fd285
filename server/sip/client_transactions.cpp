#include "sip/client_transactions.hpp"

#include <algorithm>

namespace phonefleet::sip {

using namespace std::chrono;

std::vector<std::optional<Answer>> ClientTransactions::send_all(std::vector<Outgoing> requests, milliseconds timeout) {
    std::vector<std::string> branches, wire;
    const auto start = steady_clock::now();
    {
        std::lock_guard lock(mutex_);
        for (auto& r : requests) {
            branches.push_back(r.request.top_via_branch());
            wire.push_back(r.request.to_string());
            pending_[branches.back()] = Pending{start, std::nullopt};
        }
    }
    auto send_unanswered = [&] {
        for (std::size_t i = 0; i < requests.size(); ++i) {
            bool waiting;
            {
                std::lock_guard lock(mutex_);
                waiting = !pending_[branches[i]].answer;
            }
            if (waiting && !wire[i].empty()) send_(requests[i].to, wire[i]);
        }
    };
    send_unanswered();

    const auto deadline = start + timeout;
    milliseconds interval(500);  // T1 (RFC 3261 17.1.2.2)
    auto next_send = start + interval;
    std::unique_lock lock(mutex_);
    auto all_answered = [&] {
        return std::all_of(branches.begin(), branches.end(), [&](const auto& b) { return pending_[b].answer.has_value(); });
    };
    while (!all_answered()) {
        const auto wake = std::min(deadline, next_send);
        answered_.wait_until(lock, wake, all_answered);
        if (all_answered() || steady_clock::now() >= deadline) break;
        if (steady_clock::now() >= next_send) {
            lock.unlock();
            send_unanswered();
            lock.lock();
            interval = std::min(interval * 2, milliseconds(4000));  // T2
            next_send = steady_clock::now() + interval;
        }
    }
    std::vector<std::optional<Answer>> out;
    for (const auto& b : branches) {
        out.push_back(pending_[b].answer);
        pending_.erase(b);
    }
    return out;
}

bool ClientTransactions::on_response(const SipMessage& response) {
    if (response.status() < 200) return true;  // provisional: the final answer follows
    const auto branch = response.top_via_branch();
    std::lock_guard lock(mutex_);
    auto it = pending_.find(branch);
    if (it == pending_.end() || it->second.answer) return false;
    const auto rtt = duration_cast<milliseconds>(steady_clock::now() - it->second.sent_at).count();
    it->second.answer = Answer{response.status(), response.reason(), static_cast<int>(rtt)};
    answered_.notify_all();
    return true;
}

}  // namespace phonefleet::sip

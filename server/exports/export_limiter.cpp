#include "exports/export_limiter.hpp"

#include <algorithm>

namespace phonefleet::exports {

class ExportTicket {
public:
    explicit ExportTicket(ExportRequest r) : request(std::move(r)) {}

    ExportRequest request;
    ExportPhase phase = ExportPhase::Queued;
    Refusal refusal = Refusal::None;
    int retry_after_s = 0;
    std::int64_t delayed_until = 0;
    std::int64_t queued_at = 0;
    std::int64_t started_at = 0;  // Running since
    bool cache_hit = false;
    std::shared_ptr<const ExportArtifact> artifact;
    std::vector<TicketPtr> joiners;  // other users' requests answered from this one's result
};

namespace {

bool waiting(ExportPhase p) {
    return p == ExportPhase::Delayed || p == ExportPhase::Queued || p == ExportPhase::Joined;
}

int ceil_seconds(std::int64_t ms) { return static_cast<int>(std::max<std::int64_t>(1, (ms + 999) / 1000)); }

}  // namespace

MonotonicClock steady_clock_ms() {
    return [] {
        return std::chrono::duration_cast<std::chrono::milliseconds>(
                   std::chrono::steady_clock::now().time_since_epoch())
            .count();
    };
}

const char* to_string(ExportPhase phase) {
    switch (phase) {
        case ExportPhase::Delayed: return "delayed";
        case ExportPhase::Queued: return "queued";
        case ExportPhase::Joined: return "joined";
        case ExportPhase::Running: return "running";
        case ExportPhase::Done: return "done";
        case ExportPhase::Failed: return "failed";
        case ExportPhase::TimedOut: return "timed_out";
        case ExportPhase::Refused: return "refused";
    }
    return "failed";
}

ExportLimiter::ExportLimiter(ExportLimits limits, MonotonicClock clock)
    : limits_(limits), clock_(std::move(clock)) {
    limits_.concurrency = std::max(1, limits_.concurrency);
    limits_.queue = std::max(0, limits_.queue);
}

TicketPtr ExportLimiter::submit(const ExportRequest& request) {
    std::lock_guard lock(mutex_);
    const auto now = clock_();
    advance_locked(now);
    auto t = std::make_shared<ExportTicket>(request);
    session_tickets_[request.session] = t;

    // Rule 1: one delayed request per session and per customer; any other is refused.
    for (const auto& d : delayed_) {
        if (d->request.session == request.session || d->request.customer_id == request.customer_id) {
            t->phase = ExportPhase::Refused;
            t->refusal = Refusal::SpacingBusy;
            t->retry_after_s = ceil_seconds(d->delayed_until - now);
            return t;
        }
    }
    // Rule 2: session spacing.
    if (auto it = session_last_start_.find(request.session);
        it != session_last_start_.end() && now - it->second < limits_.session_spacing_ms) {
        t->phase = ExportPhase::Delayed;
        t->delayed_until = it->second + limits_.session_spacing_ms;
        delayed_.push_back(t);
        return t;
    }
    start_locked(t, now);
    changed_.notify_all();
    return t;
}

void ExportLimiter::start_locked(const TicketPtr& t, std::int64_t now) {
    const auto& r = t->request;
    // Rule 3: another user's result, finished within the cache period or still in progress.
    if (auto it = cache_.find(r.key); it != cache_.end() && it->second.user_id != r.user_id &&
                                      now - it->second.finished_at < limits_.cache_ttl_ms) {
        session_last_start_[r.session] = now;
        t->phase = ExportPhase::Done;
        t->cache_hit = true;
        t->artifact = it->second.artifact;
        return;
    }
    if (auto it = in_progress_.find(r.key); it != in_progress_.end() && it->second->request.user_id != r.user_id) {
        session_last_start_[r.session] = now;
        t->phase = ExportPhase::Joined;
        it->second->joiners.push_back(t);
        return;
    }
    // Rule 4: run, queue or refuse.
    if (running_ < limits_.concurrency && queue_.empty()) {
        session_last_start_[r.session] = now;
        t->phase = ExportPhase::Running;
        t->started_at = now;
        ++running_;
        in_progress_.emplace(r.key, t);
        return;
    }
    if (static_cast<int>(queue_.size()) < limits_.queue) {
        session_last_start_[r.session] = now;
        t->phase = ExportPhase::Queued;
        t->queued_at = now;
        queue_.push_back(t);
        in_progress_.emplace(r.key, t);
        return;
    }
    t->phase = ExportPhase::Refused;
    t->refusal = Refusal::QueueFull;
    t->retry_after_s = queue_retry_after_s();
}

int ExportLimiter::queue_retry_after_s() const {
    // Until a place in the queue is likely free: the queue ahead drains `concurrency` at a time.
    const double rounds = 1.0 + static_cast<double>(queue_.size()) / limits_.concurrency;
    const auto estimate = static_cast<std::int64_t>(average_run_ms_ * rounds);
    return std::min(ceil_seconds(estimate), ceil_seconds(std::max<std::int64_t>(limits_.queue_timeout_ms, 1000)));
}

void ExportLimiter::settle_locked(const TicketPtr& leader, ExportPhase phase,
                                  std::shared_ptr<const ExportArtifact> artifact) {
    leader->phase = phase;
    leader->artifact = artifact;
    for (const auto& j : leader->joiners) {
        j->phase = phase;
        j->artifact = artifact;
        j->cache_hit = phase == ExportPhase::Done;
    }
    leader->joiners.clear();
    if (auto it = in_progress_.find(leader->request.key); it != in_progress_.end() && it->second == leader)
        in_progress_.erase(it);
}

void ExportLimiter::advance_locked(std::int64_t now) {
    // Delays that ended, earliest first: those exports start now.
    std::sort(delayed_.begin(), delayed_.end(),
              [](const TicketPtr& a, const TicketPtr& b) { return a->delayed_until < b->delayed_until; });
    while (!delayed_.empty() && delayed_.front()->delayed_until <= now) {
        auto t = delayed_.front();
        delayed_.erase(delayed_.begin());
        start_locked(t, now);
    }
    // Waited longer than the queue timeout: 408 (and so do the requests that joined them).
    for (auto it = queue_.begin(); it != queue_.end();) {
        if (now - (*it)->queued_at > limits_.queue_timeout_ms) {
            settle_locked(*it, ExportPhase::TimedOut, nullptr);
            it = queue_.erase(it);
        } else {
            ++it;
        }
    }
    // Free slots go to the queue's head, in arrival order.
    while (running_ < limits_.concurrency && !queue_.empty()) {
        auto t = queue_.front();
        queue_.pop_front();
        t->phase = ExportPhase::Running;
        t->started_at = now;
        ++running_;
    }
    for (auto it = cache_.begin(); it != cache_.end();) {
        if (now - it->second.finished_at >= limits_.cache_ttl_ms)
            it = cache_.erase(it);
        else
            ++it;
    }
    for (auto it = session_last_start_.begin(); it != session_last_start_.end();) {
        if (now - it->second >= limits_.session_spacing_ms)
            it = session_last_start_.erase(it);
        else
            ++it;
    }
    for (auto it = session_tickets_.begin(); it != session_tickets_.end();) {
        if (!waiting(it->second->phase) && it->second->phase != ExportPhase::Running)
            it = session_tickets_.erase(it);
        else
            ++it;
    }
}

void ExportLimiter::advance() {
    std::lock_guard lock(mutex_);
    advance_locked(clock_());
    changed_.notify_all();
}

ExportTicketState ExportLimiter::state_locked(const TicketPtr& t) const {
    ExportTicketState s;
    s.phase = t->phase;
    s.refusal = t->refusal;
    s.retry_after_s = t->retry_after_s;
    s.delayed_until = t->delayed_until;
    s.cache_hit = t->cache_hit;
    s.artifact = t->artifact;
    if (t->phase == ExportPhase::Queued) {
        auto it = std::find(queue_.begin(), queue_.end(), t);
        s.position = static_cast<int>(it - queue_.begin()) + 1;
    }
    return s;
}

ExportTicketState ExportLimiter::poll(const TicketPtr& t) {
    std::lock_guard lock(mutex_);
    advance_locked(clock_());
    changed_.notify_all();
    return state_locked(t);
}

ExportTicketState ExportLimiter::wait(const TicketPtr& t) {
    std::unique_lock lock(mutex_);
    for (;;) {
        const auto now = clock_();
        advance_locked(now);
        if (!waiting(t->phase)) {
            changed_.notify_all();
            return state_locked(t);
        }
        // Wake at the next instant that can change this ticket, or when another thread
        // reports a change (an export finished); never longer than a second, whatever the clock.
        std::int64_t next = now + 1000;
        if (t->phase == ExportPhase::Delayed) next = std::min(next, t->delayed_until);
        if (t->phase == ExportPhase::Queued) next = std::min(next, t->queued_at + limits_.queue_timeout_ms + 1);
        changed_.wait_for(lock, std::chrono::milliseconds(std::max<std::int64_t>(1, next - now)));
    }
}

void ExportLimiter::finish(const TicketPtr& t, std::shared_ptr<const ExportArtifact> artifact) {
    std::lock_guard lock(mutex_);
    const auto now = clock_();
    if (t->phase != ExportPhase::Running) return;
    --running_;
    average_run_ms_ = 0.7 * average_run_ms_ + 0.3 * static_cast<double>(std::max<std::int64_t>(0, now - t->started_at));
    const bool ok = artifact != nullptr;
    if (ok && limits_.cache_ttl_ms > 0) cache_[t->request.key] = {t->request.user_id, now, artifact};
    settle_locked(t, ok ? ExportPhase::Done : ExportPhase::Failed, std::move(artifact));
    advance_locked(now);
    changed_.notify_all();
}

void ExportLimiter::abandon(const TicketPtr& t) {
    std::lock_guard lock(mutex_);
    if (t->phase == ExportPhase::Queued) {
        queue_.erase(std::remove(queue_.begin(), queue_.end(), t), queue_.end());
        // Whoever joined it gets no result from it: they fail with it (the server answers 500).
        settle_locked(t, ExportPhase::Failed, nullptr);
    } else if (t->phase == ExportPhase::Delayed) {
        delayed_.erase(std::remove(delayed_.begin(), delayed_.end(), t), delayed_.end());
        t->phase = ExportPhase::Failed;
    } else if (t->phase == ExportPhase::Joined) {
        for (auto& [key, leader] : in_progress_) {
            auto& j = leader->joiners;
            j.erase(std::remove(j.begin(), j.end(), t), j.end());
        }
        t->phase = ExportPhase::Failed;
    }
    advance_locked(clock_());
    changed_.notify_all();
}

ExportLimiter::Snapshot ExportLimiter::snapshot() {
    std::lock_guard lock(mutex_);
    advance_locked(clock_());
    return {running_, static_cast<int>(queue_.size()), static_cast<int>(delayed_.size()),
            static_cast<int>(cache_.size())};
}

std::optional<ExportTicketState> ExportLimiter::session_state(const std::string& session) {
    std::lock_guard lock(mutex_);
    advance_locked(clock_());
    auto it = session_tickets_.find(session);
    if (it == session_tickets_.end()) return std::nullopt;
    return state_locked(it->second);
}

}  // namespace phonefleet::exports

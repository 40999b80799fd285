#pragma once
// At most a few password checks at once (SPEC 4): argon2id takes 64 MiB each, so 30 concurrent
// logins would take 2 GB. The rest wait their turn, for a bounded time (then: busy, 503).
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <mutex>

namespace phonefleet::services {

class PasswordGate {
public:
    PasswordGate(int capacity, std::chrono::milliseconds max_wait) : capacity_(capacity), max_wait_(max_wait) {}

    // Held while a check runs; empty (false) when the wait was over max_wait.
    class Ticket {
    public:
        explicit Ticket(PasswordGate* gate) : gate_(gate) {}
        Ticket(Ticket&& other) noexcept : gate_(other.gate_) { other.gate_ = nullptr; }
        Ticket(const Ticket&) = delete;
        Ticket& operator=(const Ticket&) = delete;
        ~Ticket() {
            if (gate_) gate_->release();
        }
        explicit operator bool() const { return gate_ != nullptr; }

    private:
        PasswordGate* gate_;
    };
    Ticket enter();

    int in_flight() const;
    int waiting() const;
    int peak() const;  // the most ever in flight at once (tests check it never passes capacity)
    int capacity() const { return capacity_; }
    std::chrono::milliseconds max_wait() const { return max_wait_; }

private:
    void release();

    const int capacity_;
    const std::chrono::milliseconds max_wait_;
    mutable std::mutex mutex_;
    std::condition_variable freed_;
    int in_flight_ = 0;
    int waiting_ = 0;
    int peak_ = 0;
};

}  // namespace phonefleet::services

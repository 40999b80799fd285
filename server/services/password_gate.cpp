#include "services/password_gate.hpp"

#include <algorithm>

namespace phonefleet::services {

PasswordGate::Ticket PasswordGate::enter() {
    std::unique_lock lock(mutex_);
    ++waiting_;
    const bool got = freed_.wait_for(lock, max_wait_, [this] { return in_flight_ < capacity_; });
    --waiting_;
    if (!got) return Ticket(nullptr);
    ++in_flight_;
    peak_ = std::max(peak_, in_flight_);
    return Ticket(this);
}

void PasswordGate::release() {
    {
        std::lock_guard lock(mutex_);
        --in_flight_;
    }
    freed_.notify_one();
}

int PasswordGate::in_flight() const {
    std::lock_guard lock(mutex_);
    return in_flight_;
}
int PasswordGate::waiting() const {
    std::lock_guard lock(mutex_);
    return waiting_;
}
int PasswordGate::peak() const {
    std::lock_guard lock(mutex_);
    return peak_;
}

}  // namespace phonefleet::services

#pragma once
// All-or-nothing work across roles (an import writes inventory and audit; a batch of REGISTERs
// many bindings): its own interface, so that a reader sees who opens transactions.
#include <functional>

namespace phonefleet::store {

class Transactions {
public:
    virtual ~Transactions() = default;

    // Runs fn as one transaction: all of it is stored or none. Nested calls join the outer one.
    virtual void transaction(const std::function<void()>& fn) = 0;
};

}  // namespace phonefleet::store

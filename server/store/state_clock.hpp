#pragma once
// Shared by the roles that compute a registration state (inventory, line states).
#include <cstdint>

namespace phonefleet::store {

// What the state rules of SPEC 3 need to know about time.
struct StateClock {
    std::int64_t now = 0;
    std::int64_t aging_window_s = 24 * 3600;
};

}  // namespace phonefleet::store

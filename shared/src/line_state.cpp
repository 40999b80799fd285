#include "phonefleet/line_state.hpp"

#include <algorithm>

namespace phonefleet {

std::string_view to_string(RegistrationState state) {
    switch (state) {
        case RegistrationState::Registered: return "registered";
        case RegistrationState::Aged: return "aged";
        case RegistrationState::Unregistered: return "unregistered";
    }
    return "unregistered";
}

std::optional<RegistrationState> parse_registration_state(std::string_view text) {
    if (text == "registered") return RegistrationState::Registered;
    if (text == "aged") return RegistrationState::Aged;
    if (text == "unregistered") return RegistrationState::Unregistered;
    return std::nullopt;
}

RegistrationState binding_state(const BindingFacts& b, std::int64_t now, std::int64_t window) {
    // Registered: unexpired and no unanswered probe since the last REGISTER.
    if (now < b.expires_at && !b.probe_failed_at) return RegistrationState::Registered;
    // Aged from the moment it lapsed or stopped answering, for the aging window.
    // (whichever came first: an unanswered probe precedes the expiry of the binding it probed).
    std::int64_t aged_since = b.expires_at;
    if (b.probe_failed_at) aged_since = std::min(aged_since, *b.probe_failed_at);
    if (now - aged_since < window) return RegistrationState::Aged;
    return RegistrationState::Unregistered;
}

RegistrationState best_state(RegistrationState a, RegistrationState b) {
    return static_cast<int>(a) <= static_cast<int>(b) ? a : b;
}

RegistrationState best_state(const std::vector<RegistrationState>& states) {
    RegistrationState best = RegistrationState::Unregistered;
    for (auto s : states) best = best_state(best, s);
    return best;
}

}  // namespace phonefleet

#pragma once
// The state rules of SPEC section 3, in one place for the server, the client and the tests.
#include <cstdint>
#include <optional>
#include <string_view>
#include <vector>

namespace phonefleet {

// Ordered from healthiest: a device or line takes the best state of its parts.
enum class RegistrationState { Registered = 0, Aged = 1, Unregistered = 2 };

std::string_view to_string(RegistrationState state);  // "registered", "aged", "unregistered"
std::optional<RegistrationState> parse_registration_state(std::string_view text);

// What we know of one contact binding of a line. De-registered bindings (Expires: 0) are
// deleted, so they never reach this function. Times are Unix seconds.
struct BindingFacts {
    std::int64_t expires_at = 0;
    // Set when a probe of the current binding (sent after its last REGISTER) got no answer.
    std::optional<std::int64_t> probe_failed_at;
};

inline constexpr std::int64_t kDefaultAgingWindowSeconds = 24 * 3600;

RegistrationState binding_state(const BindingFacts& binding, std::int64_t now,
                                std::int64_t aging_window_s);

// Best of several states (a line with several contacts, a device with several lines);
// Unregistered when there is none.
RegistrationState best_state(const std::vector<RegistrationState>& states);
RegistrationState best_state(RegistrationState a, RegistrationState b);

}  // namespace phonefleet

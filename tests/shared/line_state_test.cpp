#include <catch2/catch.hpp>

#include "phonefleet/line_state.hpp"

using namespace phonefleet;

namespace {
constexpr std::int64_t kWindow = 24 * 3600;
constexpr std::int64_t kNow = 1'800'000'000;
}  // namespace

TEST_CASE("an unexpired binding with no failed probe is Registered", "[state]") {
    CHECK(binding_state({kNow + 60, std::nullopt}, kNow, kWindow) == RegistrationState::Registered);
}

TEST_CASE("a lapsed binding is Aged for the aging window, then Unregistered", "[state]") {
    BindingFacts b{kNow - 10, std::nullopt};
    CHECK(binding_state(b, kNow, kWindow) == RegistrationState::Aged);
    CHECK(binding_state(b, kNow - 10 + kWindow - 1, kWindow) == RegistrationState::Aged);
    CHECK(binding_state(b, kNow - 10 + kWindow, kWindow) == RegistrationState::Unregistered);
    // The window is configurable.
    CHECK(binding_state(b, kNow, 5) == RegistrationState::Unregistered);
}

TEST_CASE("an unanswered probe of the current binding makes it Aged from that moment", "[state]") {
    BindingFacts b{kNow + 3600, kNow - 100};
    CHECK(binding_state(b, kNow, kWindow) == RegistrationState::Aged);
    CHECK(binding_state(b, kNow - 100 + kWindow, kWindow) == RegistrationState::Unregistered);
}

TEST_CASE("a device takes the best state of its lines", "[state]") {
    using S = RegistrationState;
    CHECK(best_state({}) == S::Unregistered);
    CHECK(best_state({S::Unregistered, S::Aged}) == S::Aged);
    CHECK(best_state({S::Aged, S::Registered, S::Unregistered}) == S::Registered);
}

TEST_CASE("state names round-trip", "[state]") {
    for (auto s : {RegistrationState::Registered, RegistrationState::Aged, RegistrationState::Unregistered})
        CHECK(parse_registration_state(to_string(s)) == s);
    CHECK_FALSE(parse_registration_state("Registered").has_value());
}

#pragma once
// The bindings around every edge of the state rule of SPEC 3 (expiry, probe failure, aging
// window), shared by the tests that hold the store's SQL to phonefleet::binding_state.
#include <cstdint>
#include <optional>
#include <vector>

#include "phonefleet/line_state.hpp"

namespace phonefleet::testing {

inline std::vector<BindingFacts> state_boundary_cases(std::int64_t now, std::int64_t window) {
    std::vector<BindingFacts> cases;
    for (std::int64_t e : {now - window - 1, now - window, now - window + 1, now - 1, now, now + 1, now + 600})
        for (std::optional<std::int64_t> p : {std::optional<std::int64_t>{}, std::optional<std::int64_t>{now - window - 1},
                                              std::optional<std::int64_t>{now - window}, std::optional<std::int64_t>{now - 5}})
            cases.push_back({e, p});
    return cases;
}

}  // namespace phonefleet::testing
